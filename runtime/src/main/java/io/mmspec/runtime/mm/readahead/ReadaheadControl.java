package io.mmspec.runtime.mm.readahead;

/**
 * What readahead needs of the page cache for one file (struct readahead_control and the
 * mapping behind it). The page cache (mm/filemap) implements it; readahead only decides which
 * pages to read and where the PG_readahead marker goes.
 */
public interface ReadaheadControl {
    /** The file's path, for the trace. */
    String path();

    int pid();

    int cpu();

    /** i_size_read(mapping-&gt;host) in bytes. */
    long size();

    /** bdi-&gt;io_pages: the largest request the device takes. */
    int ioPages();

    /** A page (not a shadow entry) is cached at {@code index}. */
    boolean isCached(long index);

    /** folio_test_readahead() of the cached page at {@code index}. */
    boolean testReadahead(long index);

    /** folio_test_writeback() of the cached page at {@code index}. */
    boolean testWriteback(long index);

    /** folio_clear_readahead() of the cached page at {@code index}. */
    void clearReadahead(long index);

    /**
     * filemap_alloc_folio() + filemap_add_folio(): a new page at {@code index}, locked and not
     * yet uptodate, marked PG_readahead if asked. False when no page could be allocated.
     */
    boolean addLockedPage(long index, boolean readaheadMark);

    /** read_pages(): submits the {@code count} pages just added from {@code start} as one request. */
    void readPages(long start, int count);
}

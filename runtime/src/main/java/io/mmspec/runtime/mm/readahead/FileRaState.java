package io.mmspec.runtime.mm.readahead;

/**
 * The readahead state of one open file (struct file_ra_state in include/linux/fs.h), with the
 * two f_mode bits fadvise sets (FMODE_RANDOM, FMODE_NOREUSE). Mirrors mm/readahead.c:
 * file_ra_state_init(): ra_pages from the device (bdi->ra_pages), prev_pos -1.
 *
 * <p>The fields describe the most recent readahead window:
 * <pre>
 *                        |&lt;----- async_size ---------|
 *     |------------------- size --------------------&gt;|
 *     |==================#===========================|
 *     ^start             ^page marked with PG_readahead
 * </pre>
 * {@code prevPos} is the byte after the last one the previous read() returned;
 * {@code mmapMiss} counts page-cache misses of faults against hits (MMAP_LOTSAMISS).
 */
public final class FileRaState {
    long start;
    long size;
    long asyncSize;
    int order;
    int raPages;
    int mmapMiss;
    long prevPos = -1;
    boolean random;
    boolean noreuse;

    FileRaState(int raPages) {
        this.raPages = raPages;
    }

    public long start() {
        return start;
    }

    public long size() {
        return size;
    }

    public long asyncSize() {
        return asyncSize;
    }

    /** ra->ra_pages: the window limit; 0 disables readahead. */
    public int raPages() {
        return raPages;
    }

    public int mmapMiss() {
        return mmapMiss;
    }

    /** ra->prev_pos: where the previous read() of this file ended, -1 before the first. */
    public long prevPos() {
        return prevPos;
    }

    /** filemap_read() records where this read ended, for the next one's sequential test. */
    public void setPrevPos(long pos) {
        prevPos = pos;
    }

    /** FMODE_RANDOM (POSIX_FADV_RANDOM): every miss reads only what was asked. */
    public boolean isRandom() {
        return random;
    }

    /** FMODE_NOREUSE (POSIX_FADV_NOREUSE). */
    public boolean isNoreuse() {
        return noreuse;
    }

    /** generic_fadvise(): NORMAL, SEQUENTIAL and RANDOM change ra_pages and the f_mode bits. */
    public void setRaPages(int pages) {
        if (pages < 0) {
            throw new IllegalArgumentException("negative ra_pages " + pages);
        }
        raPages = pages;
    }

    public void setRandom(boolean on) {
        random = on;
    }

    public void setNoreuse(boolean on) {
        noreuse = on;
    }

    /**
     * filemap_map_pages(): pages fault-around mapped from the cache count as hits, so mmap_miss
     * drops by that many (never below 0).
     */
    public void mmapHits(long pages) {
        mmapMiss = (int) Math.max(0, mmapMiss - pages);
    }

    @Override
    public String toString() {
        return "ra[start " + start + " size " + size + " async " + asyncSize + " ra_pages " + raPages
                + " prev_pos " + prevPos + " mmap_miss " + mmapMiss + "]";
    }
}

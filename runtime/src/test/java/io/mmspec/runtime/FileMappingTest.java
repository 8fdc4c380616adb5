package io.mmspec.runtime;

import static io.mmspec.runtime.CheckedMachine.PAGE;
import static io.mmspec.runtime.assertions.MmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.fs.Inode;
import io.mmspec.runtime.task.Task;
import io.mmspec.runtime.uapi.MapFlags;
import io.mmspec.runtime.uapi.Prot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * File mappings end to end (mm/memory.c: do_read_fault with do_fault_around, do_cow_fault,
 * do_shared_fault, do_wp_page; mm/filemap.c: filemap_fault, filemap_map_pages; fsync).
 * The file is 256 pages; page i holds the byte 'a' + i % 26 throughout.
 */
class FileMappingTest {
    private static final String PATH = "/data/f";
    private static final int PAGES = 256;
    private static final long SIZE = PAGES * PAGE;
    /** 64 KB aligned, so each 16-page fault-around window lies whole inside the mapping. */
    private static final long AT = 0x7f0000000000L;

    private CheckedMachine m;
    private Inode file;
    private Task cat;

    @BeforeEach
    void aFileOfOneMegabyte() {
        m = CheckedMachine.boot(64, 2, b -> b);
        file = m.filePages(PATH, PAGES);
        cat = m.spawn("cat", 50);
    }

    private void cacheTheWholeFile() {
        byte[] data = m.step(() -> m.sys().read(cat, PATH, 0, (int) SIZE));
        assertThat(data[(int) (3 * PAGE)]).isEqualTo((byte) 'd');
        assertThat(m.machine().pageCache().nrFilePages()).isEqualTo(PAGES);
        m.machine().vmEvents().reset();
    }

    @Test
    void readingACachedFileFaultsOncePerSixteenPages() {
        cacheTheWholeFile();
        Task p = m.spawn("p", 100);
        m.mmapFile(p, AT, SIZE, Prot.READ, MapFlags.PRIVATE, PATH);
        m.readEachPage(p, AT, SIZE);
        // fault_around_bytes 64 KB = 16 pages: each fault maps its aligned window of cached
        // pages, so 256 / 16 = 16 faults, none of them major
        assertThat(m.machine()).process("p").hasMinorFaults(16).hasMajorFaults(0).hasFileRss(SIZE).hasAnonRss(0)
                .reads("a", AT).reads("z", AT + 25 * PAGE).reads("v", AT + 255 * PAGE)
                .machine().hasVmstat("pgfault", 16).hasVmstat("pgmajfault", 0).hasMeminfo("Mapped", 1024);
    }

    @Test
    void readingACachedFileMappedOffTheSixteenPageGridFaultsSeventeenTimes() {
        cacheTheWholeFile();
        Task p = m.spawn("p", 100);
        m.mmapFile(p, AT + 5 * PAGE, SIZE, Prot.READ, MapFlags.PRIVATE, PATH);
        m.readEachPage(p, AT + 5 * PAGE, SIZE);
        // the windows stay aligned to 16 virtual pages: the first is clipped to the VMA's start
        // (11 pages), then 15 whole windows, then the last 5 pages: 17 faults (kernel-facts' M)
        assertThat(m.machine()).process("p").hasMinorFaults(17).hasFileRss(SIZE);
    }

    @Test
    void peekingAtAnUntouchedFileMappingReadsTheDiskWithoutFaulting() {
        Task p = m.spawn("p", 100);
        m.mmapFile(p, AT, SIZE, Prot.READ, MapFlags.PRIVATE, PATH);
        assertThat(m.machine()).process("p").reads("cc", AT + 2 * PAGE + 100).hasMinorFaults(0).hasMajorFaults(0)
                .hasRss(0).machine().hasVmstat("pgmajfault", 0).hasMeminfo("Cached", 0);
    }

    @Test
    void writingAPrivateFileMappingCopiesEveryPageAndLeavesTheFileAlone() {
        cacheTheWholeFile();
        Task p = m.spawn("p", 100);
        m.mmapFile(p, AT, SIZE, Prot.READ | Prot.WRITE, MapFlags.PRIVATE, PATH);
        m.readEachPage(p, AT, SIZE);
        m.writeEachPage(p, AT, SIZE, 'W');
        // 16 fault-around read faults, then each write finds a read-only PTE of a page-cache
        // page: do_wp_page copies it into an anonymous page (no fault-around for writes)
        assertThat(m.machine()).process("p").hasMinorFaults(16 + 256).hasAnonRss(SIZE).hasFileRss(0)
                .reads("W", AT).reads("W", AT + 255 * PAGE).reads("b", AT + PAGE + 1)
                .machine().hasMeminfo("Dirty", 0).hasMeminfo("Mapped", 0);
        assertThat(file.diskByte(0)).isEqualTo((byte) 'a');
        assertThat(new Peek(m.machine()).fileByte(file, 255 * PAGE)).isEqualTo('v');
    }

    @Test
    void writingAPrivateMappingWithoutReadingFirstTakesOneFaultPerPage() {
        cacheTheWholeFile();
        Task p = m.spawn("p", 100);
        m.mmapFile(p, AT, SIZE, Prot.READ | Prot.WRITE, MapFlags.PRIVATE, PATH);
        m.writeEachPage(p, AT, SIZE, 'W');
        // do_cow_fault on each empty PTE: write faults do no fault-around
        assertThat(m.machine()).process("p").hasMinorFaults(256).hasAnonRss(SIZE).hasFileRss(0);
        assertThat(file.diskByte(0)).isEqualTo((byte) 'a');
    }

    @Test
    void aSharedMappingWrittenThenFsyncedChangesTheFile() {
        Task p = m.spawn("p", 100);
        m.mmapFile(p, AT, SIZE, Prot.READ | Prot.WRITE, MapFlags.SHARED, PATH);
        m.write(p, AT + 3 * PAGE, "hello");
        // the page cache holds the change, dirty; the disk does not until writeback
        // the page was not cached: do_shared_fault read it from the disk first (a major fault)
        assertThat(m.machine()).hasMeminfo("Dirty", 4).process("p").reads("hellod", AT + 3 * PAGE).hasFileRss(PAGE)
                .hasMajorFaults(1).hasMinorFaults(0);
        assertThat(file.diskByte(3 * PAGE)).isEqualTo((byte) 'd');
        m.step(() -> m.sys().fsync(p, PATH));
        assertThat(m.machine()).hasMeminfo("Dirty", 0).hasVmstat("nr_written", 1);
        assertThat(new String(new byte[] {file.diskByte(3 * PAGE), file.diskByte(3 * PAGE + 4), file.diskByte(3 * PAGE + 5)}))
                .isEqualTo("hod");
    }

    @Test
    void twoSharedMappingsSeeEachOthersWrites() {
        Task p = m.spawn("p", 100);
        Task q = m.spawn("q", 101);
        m.mmapFile(p, AT, SIZE, Prot.READ | Prot.WRITE, MapFlags.SHARED, PATH);
        m.mmapFile(q, AT + SIZE, SIZE, Prot.READ | Prot.WRITE, MapFlags.SHARED, PATH);
        m.write(p, AT + 7 * PAGE, "from p");
        m.write(q, AT + SIZE + 9 * PAGE, "from q");
        assertThat(m.access(q, AT + SIZE + 7 * PAGE, io.mmspec.runtime.uapi.AccessType.READ, -1)).isEqualTo('f');
        assertThat(m.machine()).process("q").reads("from p", AT + SIZE + 7 * PAGE)
                .machine().process("p").reads("from q", AT + 9 * PAGE)
                .machine().hasMeminfo("Dirty", 8);
    }

    @Test
    void twoPrivateMappingsDoNotSeeEachOthersWrites() {
        Task p = m.spawn("p", 100);
        Task q = m.spawn("q", 101);
        m.mmapFile(p, AT, SIZE, Prot.READ | Prot.WRITE, MapFlags.PRIVATE, PATH);
        m.mmapFile(q, AT + SIZE, SIZE, Prot.READ | Prot.WRITE, MapFlags.PRIVATE, PATH);
        m.readEachPage(q, AT + SIZE, SIZE);
        m.write(p, AT + 7 * PAGE, "from p");
        m.write(q, AT + SIZE + 9 * PAGE, "from q");
        assertThat(m.machine()).process("q").reads("hhhhhh", AT + SIZE + 7 * PAGE).reads("from q", AT + SIZE + 9 * PAGE)
                .machine().process("p").reads("jjjjjj", AT + 9 * PAGE).reads("from p", AT + 7 * PAGE)
                .machine().hasMeminfo("Dirty", 0);
    }
}

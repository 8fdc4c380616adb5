package io.mmspec.runtime.mm.slub;

import io.mmspec.runtime.mm.pagealloc.MemMap;

/**
 * slub_debug's checks on the object bytes. Mirrors mm/slub.c: setup_slab_debug(),
 * setup_object_debug(), init_object(), check_bytes_and_report(), check_object(),
 * check_pad_bytes(), slab_pad_check(), check_slab(), alloc_debug_processing(),
 * free_debug_processing() and free_consistency_checks(), with the byte values of
 * include/linux/poison.h.
 *
 * <pre>
 *   free object      [bb bb ..][6b 6b .. 6b a5][bb ..][fp][tracks][5a 5a ..]
 *   allocated object [cc cc ..][data ...      ][cc ..][fp][tracks][5a 5a ..]
 *                      left RZ   object_size    right RZ          padding
 * </pre>
 * A kmalloc object of a cache with Z and U keeps its request size: bytes between it and
 * object_size are red zone too (0xcc) and checked as "kmalloc Redzone".
 */
final class ObjectDebug {
    static final int SLUB_RED_INACTIVE = 0xbb;
    static final int SLUB_RED_ACTIVE = 0xcc;
    static final int POISON_INUSE = 0x5a;
    static final int POISON_FREE = 0x6b;
    static final int POISON_END = 0xa5;

    private final MemMap map;
    private final SlubReport report;

    ObjectDebug(MemMap map, SlubReport report) {
        this.map = map;
        this.report = report;
    }

    /** Where the metadata after the object ends (tracks and the kmalloc size included). */
    static int metadataEnd(KmemCache s) {
        int off = s.layout.infoEnd();
        if (s.has(SlabFlag.SLAB_STORE_USER)) {
            off += 2 * CacheLayout.TRACK_SIZE;
            if (s.has(SlabFlag.SLAB_KMALLOC)) {
                off += CacheLayout.ORIG_SIZE_SIZE;
            }
        }
        return off;
    }

    private static boolean keepsOrigSize(KmemCache s) {
        return s.has(SlabFlag.SLAB_STORE_USER) && s.has(SlabFlag.SLAB_KMALLOC);
    }

    /** setup_slab_debug() and setup_object_debug() for every object of a new slab. */
    void setupSlab(Slab slab) {
        KmemCache s = slab.cache;
        if (s.has(SlabFlag.SLAB_POISON)) {
            slab.fill(map, 0, POISON_INUSE, slab.bytes());
        }
        if (!s.has(SlabFlag.SLAB_STORE_USER) && !s.has(SlabFlag.SLAB_RED_ZONE) && !s.layout.objectPoison()) {
            return;
        }
        for (int i = 0; i < slab.objects; i++) {
            initObject(slab, i, SLUB_RED_INACTIVE);
            if (s.has(SlabFlag.SLAB_STORE_USER)) {
                slab.fill(map, slab.objectOffset(i) + s.layout.infoEnd(), 0, 2 * CacheLayout.TRACK_SIZE);
            }
        }
    }

    /** init_object(): red zones to {@code val}, the object poisoned if free-poisoning is on. */
    void initObject(Slab slab, int object, int val) {
        KmemCache s = slab.cache;
        CacheLayout l = s.layout;
        int p = slab.objectOffset(object);
        int poisonSize = l.objectSize();
        if (s.has(SlabFlag.SLAB_RED_ZONE)) {
            slab.fill(map, p - l.redLeftPad(), val, l.redLeftPad());
            if (keepsOrigSize(s) && val == SLUB_RED_ACTIVE) {
                poisonSize = slab.origSize[object];
            }
        }
        if (l.objectPoison() && poisonSize > 0) {
            slab.fill(map, p, POISON_FREE, poisonSize - 1);
            slab.fill(map, p + poisonSize - 1, POISON_END, 1);
        }
        if (s.has(SlabFlag.SLAB_RED_ZONE)) {
            slab.fill(map, p + poisonSize, val, l.inuse() - poisonSize);
        }
    }

    /**
     * check_bytes_and_report(): the first byte in [start, start+bytes) that is not
     * {@code value}, reported and the run restored. Returns whether all was well.
     */
    private boolean checkBytes(Slab slab, int object, String what, int start, int value, int bytes,
                               boolean printObject) {
        if (bytes <= 0) {
            return true;
        }
        byte[] data = slab.read(map, start, bytes);
        int fault = 0;
        while (fault < bytes && (data[fault] & 0xff) == value) {
            fault++;
        }
        if (fault == bytes) {
            return true;
        }
        int end = bytes;
        while (end > fault && (data[end - 1] & 0xff) == value) {
            end--;
        }
        long base = slab.baseAddress();
        report.err("[" + what + " overwritten] " + SlubReport.hex(base + start + fault) + "-"
                + SlubReport.hex(base + start + end - 1) + " @offset=" + (start + fault) + ". First byte 0x"
                + Integer.toHexString(data[fault] & 0xff) + " instead of 0x" + Integer.toHexString(value));
        if (printObject) {
            report.objectErr(slab, object, "Object corrupt");
        }
        report.slabFix(slab.cache, "Restoring " + what + " " + SlubReport.hex(base + start + fault) + "-"
                + SlubReport.hex(base + start + end - 1) + "=0x" + Integer.toHexString(value));
        slab.fill(map, start + fault, value, end - fault);
        report.event(slab.cache, what + " overwritten", slab.objectAddress(object));
        return false;
    }

    /** check_object(): red zones, poison and padding of one object against {@code val}. */
    boolean checkObject(Slab slab, int object, int val) {
        KmemCache s = slab.cache;
        CacheLayout l = s.layout;
        int p = slab.objectOffset(object);
        int endObject = p + l.objectSize();
        boolean ok = true;
        if (s.has(SlabFlag.SLAB_RED_ZONE)) {
            ok &= checkBytes(slab, object, "Left Redzone", p - l.redLeftPad(), val, l.redLeftPad(), ok);
            ok &= checkBytes(slab, object, "Right Redzone", endObject, val, l.inuse() - l.objectSize(), ok);
            if (keepsOrigSize(s) && val == SLUB_RED_ACTIVE && l.objectSize() > slab.origSize[object]) {
                int orig = slab.origSize[object];
                ok &= checkBytes(slab, object, "kmalloc Redzone", p + orig, val, l.objectSize() - orig, ok);
            }
        } else if (s.has(SlabFlag.SLAB_POISON) && l.objectSize() < l.inuse()) {
            ok &= checkBytes(slab, object, "Alignment padding", endObject, POISON_INUSE,
                    l.inuse() - l.objectSize(), ok);
        }
        if (s.has(SlabFlag.SLAB_POISON)) {
            if (val != SLUB_RED_ACTIVE && l.objectPoison()) {
                ok &= checkBytes(slab, object, "Poison", p, POISON_FREE, l.objectSize() - 1, ok);
                ok &= checkBytes(slab, object, "End Poison", endObject - 1, POISON_END, 1, ok);
            }
            int off = metadataEnd(s);
            if (l.sizeFromObject() != off) {
                ok &= checkBytes(slab, object, "Object padding", p + off, POISON_INUSE,
                        l.sizeFromObject() - off, ok);
            }
        }
        return ok;
    }

    /** slab_pad_check(): the leftover at the end of a poisoned slab must still be 0x5a. */
    void slabPadCheck(Slab slab) {
        KmemCache s = slab.cache;
        int remainder = slab.bytes() % s.layout.size();
        if (!s.has(SlabFlag.SLAB_POISON) || remainder == 0) {
            return;
        }
        int pad = slab.bytes() - remainder;
        byte[] data = slab.read(map, pad, remainder);
        int fault = 0;
        while (fault < remainder && (data[fault] & 0xff) == POISON_INUSE) {
            fault++;
        }
        if (fault == remainder) {
            return;
        }
        int end = remainder;
        while (end > fault && (data[end - 1] & 0xff) == POISON_INUSE) {
            end--;
        }
        long base = slab.baseAddress();
        report.slabBug(s, "Padding overwritten. " + SlubReport.hex(base + pad + fault) + "-"
                + SlubReport.hex(base + pad + end - 1) + " @offset=" + (pad + fault));
        report.printSection("Padding ", slab, pad, remainder);
        report.printSlabInfo(slab);
        report.slabFix(s, "Restoring slab padding " + SlubReport.hex(base + pad + fault) + "-"
                + SlubReport.hex(base + pad + end - 1) + "=0x" + Integer.toHexString(POISON_INUSE));
        slab.fill(map, pad + fault, POISON_INUSE, end - fault);
        report.event(s, "Padding overwritten", base + pad + fault);
    }

    /** check_slab(). */
    private boolean checkSlab(Slab slab) {
        if (slab.disabled) {
            report.slabErr(slab.cache, slab, "Slab disabled since SLUB metadata consistency check failed");
            return false;
        }
        slabPadCheck(slab);
        return true;
    }

    /** alloc_debug_processing(): checks (F), remembers the request size, marks the object active. */
    boolean allocDebugProcessing(Slab slab, int object, int origSize) {
        KmemCache s = slab.cache;
        if (s.has(SlabFlag.SLAB_CONSISTENCY_CHECKS)
                && !(checkSlab(slab) && checkObject(slab, object, SLUB_RED_INACTIVE))) {
            report.slabFix(s, "Marking all objects used");
            slab.inuse = slab.objects;
            slab.freelist = Slab.NONE;
            slab.disabled = true;
            return false;
        }
        if (slab.origSize != null) {
            slab.origSize[object] = origSize;
        }
        initObject(slab, object, SLUB_RED_ACTIVE);
        return true;
    }

    /** free_debug_processing(): checks (F) then poisons the object; false: not freed. */
    boolean freeDebugProcessing(Slab slab, int object) {
        KmemCache s = slab.cache;
        if (s.has(SlabFlag.SLAB_CONSISTENCY_CHECKS) && !(checkSlab(slab) && freeConsistencyChecks(slab, object))) {
            report.slabFix(s, "Object at " + SlubReport.hex(slab.objectAddress(object)) + " not freed");
            return false;
        }
        initObject(slab, object, SLUB_RED_INACTIVE);
        return true;
    }

    /** free_consistency_checks(): a double free is an object already on the freelist. */
    private boolean freeConsistencyChecks(Slab slab, int object) {
        if (slab.onFreelist(object) || !slab.allocated[object]) {
            report.objectErr(slab, object, "Object already free");
            report.event(slab.cache, "Object already free", slab.objectAddress(object));
            return false;
        }
        return checkObject(slab, object, SLUB_RED_ACTIVE);
    }

    /** free_slab()'s checks (F): the padding and every object, which must all be free. */
    void checkSlabOnFree(Slab slab) {
        if (!slab.cache.has(SlabFlag.SLAB_CONSISTENCY_CHECKS)) {
            return;
        }
        slabPadCheck(slab);
        for (int i = 0; i < slab.objects; i++) {
            checkObject(slab, i, SLUB_RED_INACTIVE);
        }
    }
}

package io.mmspec.runtime.mm.pagealloc;

/** The bytes of a page frame, kept sparsely in its section (helpers of {@link MemMap}). */
final class PageContents {
    private PageContents() {
    }

    static byte[] page(MemSection section, int index) {
        return section == null || section.data == null ? null : section.data[index];
    }

    static byte readByte(MemSection section, int index, int offset) {
        checkRange(offset, 1);
        byte[] bytes = page(section, index);
        return bytes == null ? 0 : bytes[offset];
    }

    static void read(MemSection section, int index, int offset, byte[] dst, int dstOffset, int length) {
        checkRange(offset, length);
        byte[] bytes = page(section, index);
        if (bytes == null) {
            java.util.Arrays.fill(dst, dstOffset, dstOffset + length, (byte) 0);
        } else {
            System.arraycopy(bytes, offset, dst, dstOffset, length);
        }
    }

    static boolean allZero(byte[] src, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (src[i] != 0) {
                return false;
            }
        }
        return true;
    }

    static void checkRange(int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > MemMap.PAGE_SIZE) {
            throw new IllegalArgumentException("range [" + offset + ", " + (offset + length)
                    + ") is not inside one 4096-byte page");
        }
    }
}

package io.mmspec.runtime.mm.pagealloc;

/**
 * The bytes of a page frame, kept sparsely in its section (helpers of {@link MemMap}). A page
 * nobody wrote a non-zero byte to holds nothing; a page with up to {@link #SMALL_MAX} bytes
 * written holds them as (offset, value) triples; beyond that it holds its 4096 bytes. So a
 * program that writes one byte in each of a million pages costs tens of megabytes, not 4 GB.
 */
final class PageContents {
    /** Bytes kept as triples before a page gets its full 4 KB array. */
    static final int SMALL_MAX = 16;

    /**
     * The compact form of a page whose only byte is at offset 0, one array per value, shared by
     * every such page: programs that write one byte per page (and the pages "uses" fills) cost
     * no array of their own. Shared arrays are never changed: {@link #set} copies one first.
     */
    private static final byte[][] FIRST_BYTE_ONLY = new byte[256][];

    static {
        for (int v = 0; v < 256; v++) {
            FIRST_BYTE_ONLY[v] = new byte[] {0, 0, (byte) v};
        }
    }

    private PageContents() {
    }

    /** Whether {@code bytes} is one of the shared arrays (which must not be changed). */
    static boolean isShared(byte[] bytes) {
        return bytes.length == 3 && bytes[0] == 0 && bytes[1] == 0 && FIRST_BYTE_ONLY[bytes[2] & 0xff] == bytes;
    }

    /** A copy to keep elsewhere (copy_highpage, a swap slot): a shared array is kept as it is. */
    static byte[] copy(byte[] bytes) {
        return isShared(bytes) ? bytes : bytes.clone();
    }

    static boolean isFull(byte[] bytes) {
        return bytes.length == MemMap.PAGE_SIZE;
    }

    /** The byte at {@code offset} of a compact or full page. */
    static byte get(byte[] bytes, int offset) {
        if (isFull(bytes)) {
            return bytes[offset];
        }
        for (int i = 0; i < bytes.length; i += 3) {
            if (((bytes[i] & 0xff) << 8 | (bytes[i + 1] & 0xff)) == offset) {
                return bytes[i + 2];
            }
        }
        return 0;
    }

    /** Sets one byte; returns the array to keep (the same, a longer compact one, or a full page). */
    static byte[] set(byte[] bytes, int offset, byte value) {
        if (bytes == null || bytes.length == 0) {
            if (offset == 0) {
                return FIRST_BYTE_ONLY[value & 0xff];
            }
            bytes = new byte[0];
        }
        if (isShared(bytes)) {
            bytes = offset == 0 ? FIRST_BYTE_ONLY[value & 0xff] : bytes.clone();
            if (offset == 0) {
                return bytes;
            }
        }
        if (isFull(bytes)) {
            bytes[offset] = value;
            return bytes;
        }
        for (int i = 0; i < bytes.length; i += 3) {
            if (((bytes[i] & 0xff) << 8 | (bytes[i + 1] & 0xff)) == offset) {
                bytes[i + 2] = value;
                return bytes;
            }
        }
        if (bytes.length / 3 >= SMALL_MAX) {
            byte[] full = expand(bytes);
            full[offset] = value;
            return full;
        }
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 3);
        longer[bytes.length] = (byte) (offset >>> 8);
        longer[bytes.length + 1] = (byte) offset;
        longer[bytes.length + 2] = value;
        return longer;
    }

    /** A full 4 KB page with the compact page's bytes. */
    static byte[] expand(byte[] bytes) {
        if (isFull(bytes)) {
            return bytes;
        }
        byte[] full = new byte[MemMap.PAGE_SIZE];
        for (int i = 0; i < bytes.length; i += 3) {
            full[(bytes[i] & 0xff) << 8 | (bytes[i + 1] & 0xff)] = bytes[i + 2];
        }
        return full;
    }

    static byte[] page(MemSection section, int index) {
        return section == null || section.data == null ? null : section.data[index];
    }

    static byte readByte(MemSection section, int index, int offset) {
        checkRange(offset, 1);
        byte[] bytes = page(section, index);
        return bytes == null ? 0 : get(bytes, offset);
    }

    static void read(MemSection section, int index, int offset, byte[] dst, int dstOffset, int length) {
        checkRange(offset, length);
        byte[] bytes = page(section, index);
        if (bytes != null && isFull(bytes)) {
            System.arraycopy(bytes, offset, dst, dstOffset, length);
            return;
        }
        java.util.Arrays.fill(dst, dstOffset, dstOffset + length, (byte) 0);
        if (bytes == null) {
            return;
        }
        for (int i = 0; i < bytes.length; i += 3) { // place each triple that falls in the range
            int at = (bytes[i] & 0xff) << 8 | (bytes[i + 1] & 0xff);
            if (at >= offset && at < offset + length) {
                dst[dstOffset + at - offset] = bytes[i + 2];
            }
        }
    }

    /** Every byte of a compact or full page is zero (is_folio_zero_filled()). */
    static boolean isZero(byte[] bytes) {
        if (isFull(bytes)) {
            return allZero(bytes, 0, bytes.length);
        }
        for (int i = 2; i < bytes.length; i += 3) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
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

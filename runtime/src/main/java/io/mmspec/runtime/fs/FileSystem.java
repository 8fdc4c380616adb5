package io.mmspec.runtime.fs;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The machine's files and disks by name (a flat namespace of absolute paths). Inode numbers
 * are given in creation order so /proc/PID/maps prints the same numbers every run.
 */
public final class FileSystem {
    private final Map<String, BlockDevice> devices = new LinkedHashMap<>();
    private final Map<String, Inode> files = new LinkedHashMap<>();
    private long nextIno = 131073; // a plausible first inode number on an ext4 root

    public BlockDevice addDevice(BlockDevice device) {
        if (devices.putIfAbsent(device.name(), device) != null) {
            throw new IllegalArgumentException("duplicate disk " + device.name());
        }
        return device;
    }

    public Optional<BlockDevice> device(String name) {
        return Optional.ofNullable(devices.get(name));
    }

    public Collection<BlockDevice> devices() {
        return Collections.unmodifiableCollection(devices.values());
    }

    public Inode create(String path, long size, BlockDevice device, ElfLayout elf) {
        if (files.containsKey(path)) {
            throw new IllegalArgumentException("duplicate file " + path);
        }
        Inode inode = new Inode(nextIno++, path, size, device, elf);
        files.put(path, inode);
        return inode;
    }

    public Optional<Inode> lookup(String path) {
        return Optional.ofNullable(files.get(path));
    }

    public Collection<Inode> files() {
        return Collections.unmodifiableCollection(files.values());
    }
}

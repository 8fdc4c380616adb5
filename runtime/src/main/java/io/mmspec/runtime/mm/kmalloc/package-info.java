/**
 * kmalloc() over SLUB (mm/slab_common.c: create_kmalloc_caches(), kmalloc_slab(),
 * kmalloc_type(); mm/slub.c: __kmalloc_node(), kfree(), ksize()): the 13 size classes 8 .. 8k
 * with 96 and 192, the kmalloc-, kmalloc-rcl-, dma-kmalloc- and kmalloc-cg- families made at
 * boot, ZERO_SIZE_PTR, and compound pages above 8 KiB counted in SUnreclaim.
 *
 * <p>Left out: the kmalloc-rnd-NN- random caches (CONFIG_RANDOM_KMALLOC_CACHES), kmem
 * buckets, krealloc()/kvmalloc(), memcg charging (kmalloc-cg- caches exist and are used, but
 * nothing is charged), and NUMA: the machine has one node, so kmalloc_node() to another node
 * is served from node 0 (as ___slab_alloc() does for a node without memory) and counted in
 * {@link io.mmspec.runtime.mm.kmalloc.Kmalloc#remoteNodeRequests()}.
 */
package io.mmspec.runtime.mm.kmalloc;

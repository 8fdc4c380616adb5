package io.mmspec.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AddressSpaceDrawingTest {

    @Test
    void drawsEachVmaWithTheRegionsInItAndItsMapsName() {
        World world = new World();
        world.begin("drawing", java.net.URI.create("file:///nowhere/d.feature"));
        world.draft().setting("ram 64 MB");
        world.draft().setting("aslr off");
        world.draft().file("file \"/bin/app\" size 1 MB { text 512 KB, data 256 KB, bss 256 KB }");
        world.draft().process("process p pid 100");
        world.act(Optional.empty(), "p execs \"/bin/app\"");
        world.act(Optional.empty(), "p maps a anon 8 KB rw private at 0x10000000");
        world.act(Optional.empty(), "p maps b anon 4 KB rw private at 0x10002000");

        // a and b merge; text and data come from the file; the stack sits under STACK_TOP
        assertThat(AddressSpaceDrawing.draw(world.task(world.machine(), "p"))).isEqualTo("""
                00400000-00480000 r-xp text /bin/app
                00480000-004c0000 rw-p data /bin/app
                004c0000-00500000 rw-p bss
                10000000-10003000 rw-p a b
                7ffffffde000-7ffffffff000 rw-p stack [stack]
                """);
    }

    @Test
    void normalizesBlanksAndDropsEmptyLines() {
        assertThat(AddressSpaceDrawing.normalize("  a   b \n\n\tc\n")).isEqualTo("a b\nc\n");
    }
}

package dev.bulwark.core.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Component;
import dev.bulwark.core.Source;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class ScanTargetTest {

    @Test
    void keepsPercentEscapesOnlyInSourcesTheEngineDoesNotDecode() {
        EnumSet<Source> kept = EnumSet.noneOf(Source.class);
        for (Source source : Source.values()) {
            if (new ScanTarget("%41", source, Component.VALUE, "n").keepsPercentEscapes()) {
                kept.add(source);
            }
        }
        assertThat(kept).containsExactlyInAnyOrder(Source.HEADER, Source.XML, Source.JSON, Source.MULTIPART,
                Source.BODY);
    }
}

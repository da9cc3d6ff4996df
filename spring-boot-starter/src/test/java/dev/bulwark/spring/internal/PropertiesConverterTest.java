package dev.bulwark.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class PropertiesConverterTest {

    @Test
    void readsTheUnitsOfTheYamlFileAndSpringsUnits() {
        assertThat(PropertiesConverter.dataSize("512")).isEqualTo(DataSize.ofBytes(512));
        assertThat(PropertiesConverter.dataSize("512B")).isEqualTo(DataSize.ofBytes(512));
        assertThat(PropertiesConverter.dataSize("8KiB")).isEqualTo(DataSize.ofBytes(8192));
        assertThat(PropertiesConverter.dataSize("8K")).isEqualTo(DataSize.ofBytes(8192));
        assertThat(PropertiesConverter.dataSize("8KB")).isEqualTo(DataSize.ofBytes(8192));
        assertThat(PropertiesConverter.dataSize("1 MiB")).isEqualTo(DataSize.ofBytes(1024 * 1024));
        assertThat(PropertiesConverter.dataSize("1mb")).isEqualTo(DataSize.ofBytes(1024 * 1024));
        assertThat(PropertiesConverter.dataSize("1GiB")).isEqualTo(DataSize.ofBytes(1024L * 1024 * 1024));
    }

    @Test
    void rejectsUnknownUnitsAndText() {
        assertThatIllegalArgumentException().isThrownBy(() -> PropertiesConverter.dataSize("1MeB"))
                .withMessageContaining("unknown size unit 'MeB'");
        assertThatIllegalArgumentException().isThrownBy(() -> PropertiesConverter.dataSize("lots"));
    }
}

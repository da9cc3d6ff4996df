package dev.bulwark.core.internal.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Location;
import dev.bulwark.core.Source;
import org.junit.jupiter.api.Test;

class HeaderLocationsTest {

    @Test
    void givesTheSameLocationForAHeaderNameSeenBefore() {
        Location first = HeaderLocations.valueOf("x-tenant-" + "id");

        assertThat(HeaderLocations.valueOf(new String("x-tenant-id"))).isSameAs(first)
                .isEqualTo(Location.value(Source.HEADER, "x-tenant-id"));
    }

    @Test
    void locatesAHeaderNameThatIsNotPlainWithoutKeepingIt() {
        assertThat(HeaderLocations.valueOf("x-odd%name")).isEqualTo(Location.value(Source.HEADER, "x-odd%name"));
    }

    @Test
    void keepsAHeaderNameApartFromAQueryParameterOfTheSameName() {
        PlainNames.Entry parameter = PlainNames.keep(Source.QUERY, "page-size");

        assertThat(HeaderLocations.valueOf("page-size")).isEqualTo(Location.value(Source.HEADER, "page-size"))
                .isNotEqualTo(parameter.valueLocation);
    }
}

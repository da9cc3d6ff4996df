package dev.bulwark.core.internal.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.DecodingFlag;
import dev.bulwark.core.Location;
import dev.bulwark.core.RequestValue;
import dev.bulwark.core.Source;
import dev.bulwark.core.config.Limits;
import dev.bulwark.core.internal.decode.PercentDecoder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlainNamesTest {

    private final ParameterParser parser = new ParameterParser(Limits.defaults(), new PercentDecoder(3));

    @Test
    void reusesTheLocationsOfAPlainNameSeenBefore() throws Exception {
        List<RequestValue> first = parse("page=1&sort=name");
        List<RequestValue> second = parse("page=2&sort=date");

        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i).location()).isSameAs(first.get(i).location());
        }
        assertThat(second.get(0).decoded()).isEqualTo("page");
        assertThat(second.get(1).location()).isEqualTo(Location.value(Source.QUERY, "page"));
    }

    @Test
    void keepsTheSourceOfAName() {
        PlainNames.Entry query = PlainNames.keep(Source.QUERY, "session");
        PlainNames.Entry cookie = PlainNames.keep(Source.COOKIE, "session");

        assertThat(PlainNames.find(Source.QUERY, "session")).isSameAs(query);
        assertThat(PlainNames.find(Source.COOKIE, "session")).isSameAs(cookie);
        assertThat(cookie.nameLocation).isEqualTo(Location.name(Source.COOKIE, "session"));
    }

    @Test
    void findsANameInsideALargerTextOnlyWhenTheRangeIsExactlyIt() {
        PlainNames.Entry kept = PlainNames.keep(Source.COOKIE, "theme");
        String field = "session=1; theme=dark; themes=x";

        assertThat(PlainNames.find(Source.COOKIE, field, 11, 16)).isSameAs(kept);
        assertThat(PlainNames.find(Source.COOKIE, field, 23, 29)).isNull();
        assertThat(PlainNames.find(Source.COOKIE, field, 11, 15)).isNull();
        assertThat(PlainNames.find(Source.QUERY, field, 11, 16)).isNull();
    }

    @Test
    void takesTheKeptStringForAPlainNameSeenBefore() throws Exception {
        List<RequestValue> first = parse("limit=1");
        List<RequestValue> second = parse("limit=2");

        assertThat(second.get(0).raw()).isSameAs(first.get(0).raw()).isEqualTo("limit");
        assertThat(second.get(0).decoded()).isEqualTo("limit");
        assertThat(second.get(1).raw()).isEqualTo("2");
    }

    @Test
    void keepsNoNameThatDecodingChangesOrFlags() {
        assertThat(PlainNames.keep(Source.QUERY, "a%41")).isNull();
        assertThat(PlainNames.keep(Source.QUERY, "a+b")).isNull();
        assertThat(PlainNames.keep(Source.QUERY, "a\u0001b")).isNull();
        assertThat(PlainNames.keep(Source.QUERY, "n".repeat(PlainNames.MAX_LENGTH + 1))).isNull();
        assertThat(PlainNames.find(Source.QUERY, "a%41")).isNull();
    }

    @Test
    void decodesAnEncodedNameEveryTime() throws Exception {
        parse("a%41=1");
        List<RequestValue> again = parse("a%41=1&x%00=2");

        assertThat(again.get(0).decoded()).isEqualTo("aA");
        assertThat(again.get(0).raw()).isEqualTo("a%41");
        assertThat(again.get(2).hasFlag(DecodingFlag.NUL_BYTE)).isTrue();
    }

    @Test
    void keepsFindingTheRightNameWhenManyNamesShareItsSlots() {
        for (int i = 0; i < 4 * PlainNames.SLOTS; i++) {
            String name = "field" + i;
            PlainNames.keep(Source.FORM, name);
            PlainNames.Entry found = PlainNames.find(Source.FORM, name);
            assertThat(found).isNotNull();
            assertThat(found.name).isEqualTo(name);
        }
    }

    private List<RequestValue> parse(String query) throws Exception {
        List<RequestValue> values = new ArrayList<>();
        parser.parse(query, Source.QUERY, values::add);
        return values;
    }
}

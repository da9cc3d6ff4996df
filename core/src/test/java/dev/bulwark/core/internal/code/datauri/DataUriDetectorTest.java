package dev.bulwark.core.internal.code.datauri;

import static org.assertj.core.api.Assertions.assertThat;
import dev.bulwark.core.internal.rules.Scans;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataUriDetectorTest {

    private final DataUriDetector detector = new DataUriDetector();

    @ParameterizedTest
    @ValueSource(strings = {"data:text/plain;base64,SGVsbG8=", "data:text/html,<b>x</b>", "data:application/x-php,1"})
    void detectsDocumentDataUri(String value) {
        assertThat(Scans.value(detector, value)).contains("CODE-DATA-URI");
    }

    @ParameterizedTest
    @ValueSource(strings = {"data:image/png;base64,iVBORw0KGgo=", "data:audio/mpeg;base64,SUQz", "data: 5 items"})
    void ignoresMediaDataUri(String value) {
        assertThat(Scans.value(detector, value)).isEmpty();
    }
}

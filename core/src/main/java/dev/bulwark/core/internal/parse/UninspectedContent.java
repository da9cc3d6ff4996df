package dev.bulwark.core.internal.parse;

import dev.bulwark.core.Location;
import java.util.Objects;

/**
 * A body or file part that was not inspected, and why. The engine applies the
 * {@code uninspectable} policy to it, or lets it pass logged when it is binary content of a media
 * type that the route declares as a binary upload.
 *
 * @param location the body ({@code body}) or the file part ({@code multipart:field})
 * @param mediaType the declared media type in lower case without parameters; {@code null} when none was declared
 * @param reason what was found, for the security log ({@code PNG image}, {@code content encoding gzip})
 * @param binary whether the content is binary data (a known file format, or bytes that are not text under
 *     a binary media type) rather than text that could not be read (an unknown charset, a compressed encoding)
 */
public record UninspectedContent(Location location, String mediaType, String reason, boolean binary) {

    public UninspectedContent {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(reason, "reason");
    }
}

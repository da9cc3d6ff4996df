/** CR/LF injection (rule key {@code CRLF}): a line break followed by a header field, in values that reach headers. */
package dev.bulwark.core.internal.crlf;

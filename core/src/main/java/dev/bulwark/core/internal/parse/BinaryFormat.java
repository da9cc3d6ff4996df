package dev.bulwark.core.internal.parse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Binary file formats recognised by their magic bytes: the only content, besides bytes that do not
 * decode as text under a binary media type, that Bulwark leaves uninspected. The table is short on
 * purpose: each entry is a format that services receive as uploads, and each signature is long or
 * odd enough that text does not start with it by accident (no two-byte {@code BM} for BMP, which
 * would catch every body that starts with "BMW"). A body that starts with a signature is binary
 * whatever its declared type says; what matters is that it then stays uninspected only where a
 * route declares binary uploads, or as {@code uninspectable} says.
 */
public enum BinaryFormat {
    PNG("PNG image", 0, bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)),
    JPEG("JPEG image", 0, bytes(0xFF, 0xD8, 0xFF)),
    GIF87("GIF image", 0, ascii("GIF87a")),
    GIF89("GIF image", 0, ascii("GIF89a")),
    WEBP("WebP image", 8, ascii("WEBP")) {
        @Override
        boolean matches(ByteBuffer content) {
            return at(content, 0, ascii("RIFF")) && super.matches(content);
        }
    },
    TIFF_LITTLE_ENDIAN("TIFF image", 0, bytes('I', 'I', 0x2A, 0x00)),
    TIFF_BIG_ENDIAN("TIFF image", 0, bytes('M', 'M', 0x00, 0x2A)),
    ICO("icon", 0, bytes(0x00, 0x00, 0x01, 0x00)),
    /** ISO base media files: MP4, MOV, HEIC, AVIF ({@code ftyp} box at offset 4). */
    ISO_MEDIA("ISO media file (MP4, HEIC, AVIF)", 4, ascii("ftyp")),
    PDF("PDF document", 0, ascii("%PDF-")),
    /** ZIP and everything built on it: JAR, DOCX, XLSX, ODT, APK. */
    ZIP("ZIP archive", 0, bytes('P', 'K', 0x03, 0x04)),
    ZIP_EMPTY("ZIP archive", 0, bytes('P', 'K', 0x05, 0x06)),
    /** Compound file binary: DOC, XLS, PPT, MSI. */
    OLE2("OLE2 compound document", 0, bytes(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)),
    GZIP("gzip data", 0, bytes(0x1F, 0x8B, 0x08)),
    BZIP2("bzip2 data", 0, ascii("BZh")) {
        @Override
        boolean matches(ByteBuffer content) {
            // "BZh", the block size digit, then the block magic (the digits of pi).
            return super.matches(content) && at(content, 4, bytes(0x31, 0x41, 0x59, 0x26, 0x53, 0x59));
        }
    },
    XZ("xz data", 0, bytes(0xFD, '7', 'z', 'X', 'Z', 0x00)),
    ZSTD("zstd data", 0, bytes(0x28, 0xB5, 0x2F, 0xFD)),
    SEVEN_ZIP("7z archive", 0, bytes('7', 'z', 0xBC, 0xAF, 0x27, 0x1C)),
    RAR("RAR archive", 0, bytes('R', 'a', 'r', '!', 0x1A, 0x07)),
    OGG("Ogg media", 0, bytes('O', 'g', 'g', 'S', 0x00)),
    FLAC("FLAC audio", 0, bytes('f', 'L', 'a', 'C', 0x00)),
    MP3("MP3 audio", 0, bytes('I', 'D', '3')) {
        @Override
        boolean matches(ByteBuffer content) {
            // "ID3", a major version 2 to 4, a minor version 0.
            return super.matches(content) && content.remaining() > 4 && content.get(content.position() + 3) >= 2
                    && content.get(content.position() + 3) <= 4 && content.get(content.position() + 4) == 0;
        }
    },
    WOFF("WOFF font", 0, ascii("wOFF")),
    WOFF2("WOFF2 font", 0, ascii("wOF2")),
    WASM("WebAssembly module", 0, bytes(0x00, 'a', 's', 'm')),
    ELF("ELF executable", 0, bytes(0x7F, 'E', 'L', 'F')),
    JAVA_CLASS("Java class file", 0, bytes(0xCA, 0xFE, 0xBA, 0xBE));

    private final String description;
    private final int offset;
    private final byte[] signature;

    BinaryFormat(String description, int offset, byte[] signature) {
        this.description = description;
        this.offset = offset;
        this.signature = signature;
    }

    /** What the format is, for the security log ({@code PNG image}). */
    public String description() {
        return description;
    }

    /** The format whose signature {@code content} starts with, or {@code null}; reads at most 16 bytes. */
    public static BinaryFormat detect(ByteBuffer content) {
        for (BinaryFormat format : values()) {
            if (format.matches(content)) {
                return format;
            }
        }
        return null;
    }

    boolean matches(ByteBuffer content) {
        return at(content, offset, signature);
    }

    private static boolean at(ByteBuffer content, int offset, byte[] expected) {
        int start = content.position() + offset;
        if (content.limit() - start < expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (content.get(start + i) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

package dev.bulwark.core;

/** Which component of a named item was inspected. */
public enum Component {
    /** The name: a parameter name, JSON object key, header or cookie name, XML element name. */
    NAME,
    /** The value. */
    VALUE,
    /** The file name of a multipart file part. */
    FILENAME
}

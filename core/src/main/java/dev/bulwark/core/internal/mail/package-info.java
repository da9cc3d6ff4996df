/** Mail protocol command and header injection after a line break (rule key {@code MAILCMD}), CAPEC-183. */
package dev.bulwark.core.internal.mail;

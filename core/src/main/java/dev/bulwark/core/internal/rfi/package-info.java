/** Remote file inclusion (rule key {@code RFI}): URLs where a file or include name is expected. */
package dev.bulwark.core.internal.rfi;

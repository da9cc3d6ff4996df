/**
 * OS command injection detectors: a shell-aware tokenizer that undoes the quoting, escaping,
 * expansion and globbing tricks attackers use to hide command names, and detectors that judge the
 * resulting command structure for POSIX shells ({@code UNIXCMD}) and for Windows {@code cmd.exe}
 * and PowerShell ({@code WINCMD}). Mail protocol commands are the {@code mail} family.
 *
 * <p>See <a href="https://owasp.org/www-community/attacks/Command_Injection">OWASP: Command
 * Injection</a> and <a href="https://cwe.mitre.org/data/definitions/78.html">CWE-78</a>.
 */
package dev.bulwark.core.internal.shell;

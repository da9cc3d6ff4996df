/** PHP code injection (rule key {@code PHP}): the detector, its rules, the PHP call scanner and name tables. */
package dev.bulwark.core.internal.code.php;

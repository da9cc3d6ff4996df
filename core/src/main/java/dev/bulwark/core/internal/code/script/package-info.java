/** Code injection in other server-side languages (rule key {@code CODE}): Node.js, Python, Ruby, Perl, data URIs, ORM lookups and pickle. */
package dev.bulwark.core.internal.code.script;

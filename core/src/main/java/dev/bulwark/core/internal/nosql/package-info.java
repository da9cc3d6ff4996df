/** NoSQL operator injection (rule key {@code NOSQL}): MongoDB query operators in names and values, and server-side JavaScript. */
package dev.bulwark.core.internal.nosql;

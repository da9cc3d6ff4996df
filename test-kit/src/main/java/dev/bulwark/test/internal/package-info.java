/** Implementation of the test kit; not for use outside it. */
package dev.bulwark.test.internal;

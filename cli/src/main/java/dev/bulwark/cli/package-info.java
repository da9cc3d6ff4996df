/**
 * The {@code bulwark-cli.jar} command line: {@code suggest} replays recorded traffic through the
 * engine and writes the narrowest exceptions that let it pass (see {@link dev.bulwark.cli.SuggestCommand}).
 */
package dev.bulwark.cli;

package dev.bulwark.core.internal.code.php;

import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.Lexicon;
/**
 * Data tables for PHP: built-in function names, extension prefixes, superglobals, stream wrappers
 * and php.ini directives. The detector decides on call shape and context; these tables only say
 * which names are PHP's and how much context a name needs.
 */
final class PhpNames {

    /** A built-in function whose name is not an English word: a call shape is enough. */
    static final int FUNCTION = 1;
    /** A function named by a common English word ({@code file}, {@code date}): needs code context. */
    static final int WORD = 2;
    /** A function that runs code or commands, or decodes payloads; also matched as a name suffix. */
    static final int HIGH_RISK = 4;
    /** A construct or function that executes code or commands ({@code eval}, {@code system}). */
    static final int EXECUTES = 8;
    /**
     * A function name that spreadsheets, SQL and query languages share ({@code max}, {@code count},
     * {@code round}): {@code max(10)} is more often a formula than PHP.
     */
    static final int FORMULA = 16;

    static final Lexicon FUNCTIONS = Lexicon.builder()
            .add(FUNCTION,
                    // strings
                    "addcslashes", "addslashes", "bin2hex", "chr", "chunk_split", "convert_uudecode",
                    "convert_uuencode", "count_chars", "crc32", "crypt", "explode", "fprintf", "hebrev",
                    "hex2bin", "html_entity_decode", "htmlentities", "htmlspecialchars",
                    "htmlspecialchars_decode", "implode", "lcfirst", "levenshtein", "localeconv", "ltrim",
                    "md5", "md5_file", "metaphone", "money_format", "nl_langinfo", "nl2br", "number_format",
                    "parse_str", "printf", "quoted_printable_decode", "quoted_printable_encode", "quotemeta",
                    "rtrim", "setlocale", "sha1", "sha1_file", "similar_text", "soundex", "sprintf", "sscanf",
                    "strcasecmp", "strchr", "strcmp", "strcoll", "strcspn", "strip_tags", "stripcslashes",
                    "stripos", "stripslashes", "stristr", "strlen", "strnatcasecmp", "strnatcmp",
                    "strncasecmp", "strncmp", "strpbrk", "strpos", "strrchr", "strrev", "strripos", "strrpos",
                    "strspn", "strstr", "strtok", "strtolower", "strtoupper", "strtr", "substr",
                    "substr_compare", "substr_count", "substr_replace", "ucfirst", "ucwords", "utf8_decode",
                    "utf8_encode", "vfprintf", "vprintf", "vsprintf", "wordwrap", "lcg_value", "uniqid",
                    // arrays
                    "arsort", "asort", "in_array", "key_exists", "krsort", "ksort", "natcasesort", "natsort",
                    "rsort", "sizeof", "uasort", "uksort", "usort", "iterator_to_array", "iterator_apply",
                    // functions and variables
                    "call_user_func", "call_user_func_array", "func_get_arg", "func_get_args",
                    "func_num_args", "function_exists", "get_defined_functions", "register_shutdown_function",
                    "register_tick_function", "forward_static_call", "forward_static_call_array",
                    "create_function", "boolval", "doubleval", "floatval", "get_debug_type",
                    "get_defined_vars", "get_resource_type", "gettype", "intval", "is_array", "is_bool",
                    "is_callable", "is_countable", "is_double", "is_float", "is_int", "is_integer",
                    "is_iterable", "is_long", "is_null", "is_numeric", "is_object", "is_resource",
                    "is_scalar", "is_string", "print_r", "serialize", "settype", "strval", "unserialize",
                    "var_dump", "var_export", "debug_zval_refcount",
                    // program execution
                    "escapeshellarg", "escapeshellcmd", "passthru", "proc_close", "proc_get_status",
                    "proc_nice", "proc_open", "proc_terminate", "shell_exec", "popen", "pclose",
                    // files and directories
                    "basename", "chgrp", "chmod", "chown", "clearstatcache", "dirname", "disk_free_space",
                    "disk_total_space", "diskfreespace", "fclose", "fdatasync", "feof", "fflush", "fgetc",
                    "fgetcsv", "fgets", "fgetss", "file_exists", "file_get_contents", "file_put_contents",
                    "fileatime", "filectime", "filegroup", "fileinode", "filemtime", "fileowner",
                    "fileperms", "filesize", "filetype", "flock", "fnmatch", "fopen", "fpassthru", "fputcsv",
                    "fputs", "fread", "fscanf", "fseek", "fstat", "fsync", "ftell", "ftruncate", "fwrite",
                    "is_dir", "is_executable", "is_file", "is_link", "is_readable", "is_uploaded_file",
                    "is_writable", "is_writeable", "lchgrp", "lchown", "linkinfo", "lstat", "mkdir",
                    "move_uploaded_file", "parse_ini_file", "parse_ini_string", "pathinfo", "readfile",
                    "readlink", "realpath", "rmdir", "set_file_buffer", "symlink", "tempnam", "tmpfile",
                    "umask", "unlink", "chdir", "chroot", "closedir", "getcwd", "opendir", "readdir",
                    "rewinddir", "scandir",
                    // network
                    "checkdnsrr", "closelog", "dns_check_record", "dns_get_mx", "dns_get_record",
                    "fsockopen", "gethostbyaddr", "gethostbyname", "gethostbynamel", "gethostname",
                    "getmxrr", "getprotobyname", "getprotobynumber", "getservbyname", "getservbyport",
                    "header_register_callback", "header_remove", "headers_list", "headers_sent",
                    "http_response_code", "inet_ntop", "inet_pton", "ip2long", "long2ip", "openlog",
                    "pfsockopen", "setcookie", "setrawcookie", "syslog",
                    // runtime information and configuration
                    "assert_options", "cli_get_process_title", "cli_set_process_title", "dl",
                    "extension_loaded", "gc_collect_cycles", "gc_enable", "gc_disable", "get_cfg_var",
                    "get_current_user", "get_defined_constants", "get_extension_funcs", "get_include_path",
                    "get_included_files", "get_loaded_extensions", "get_required_files", "getenv",
                    "getlastmod", "getmygid", "getmyinode", "getmypid", "getmyuid", "getopt", "getrusage",
                    "ini_alter", "ini_get", "ini_get_all", "ini_restore", "ini_set", "memory_get_usage",
                    "memory_get_peak_usage", "php_ini_loaded_file", "php_ini_scanned_files", "php_sapi_name",
                    "php_uname", "phpcredits", "phpinfo", "phpversion", "putenv", "set_include_path",
                    "set_time_limit", "sys_get_temp_dir", "version_compare", "zend_version",
                    "connection_aborted", "connection_status", "get_browser", "__halt_compiler",
                    "highlight_file", "highlight_string", "hrtime", "ignore_user_abort",
                    "php_strip_whitespace", "show_source", "sys_getloadavg", "time_nanosleep",
                    "time_sleep_until", "usleep",
                    // math
                    "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "base_convert", "bindec",
                    "cosh", "decbin", "dechex", "decoct", "deg2rad", "expm1", "fmod", "hexdec", "hypot",
                    "intdiv", "is_finite", "is_infinite", "is_nan", "log10", "log1p", "mt_rand", "mt_srand",
                    "octdec", "rad2deg", "sinh", "srand", "tanh", "random_int", "random_bytes",
                    // date and time
                    "checkdate", "getdate", "gettimeofday", "gmdate", "gmmktime", "gmstrftime", "idate",
                    "localtime", "microtime", "mktime", "strftime", "strptime", "strtotime",
                    // classes and objects
                    "class_exists", "class_implements", "class_parents", "class_uses", "enum_exists",
                    "get_called_class", "get_class", "get_class_methods", "get_class_vars",
                    "get_object_vars", "get_parent_class", "interface_exists", "is_a", "is_subclass_of",
                    "method_exists", "property_exists", "trait_exists",
                    // output and errors
                    "debug_backtrace", "debug_print_backtrace", "error_get_last", "error_log",
                    "error_reporting", "restore_error_handler", "restore_exception_handler",
                    "set_error_handler", "set_exception_handler", "trigger_error", "user_error",
                    "output_add_rewrite_var", "output_reset_rewrite_vars",
                    // compression, regular expressions, mail, misc
                    "gzcompress", "gzdeflate", "gzencode", "gzinflate", "gzuncompress", "gzdecode", "gzopen",
                    "gzread", "gzwrite", "gzfile", "gzclose", "gzputs", "gzgets", "gzpassthru", "readgzfile",
                    "bzopen", "bzread", "bzwrite", "bzclose", "bzdecompress", "bzcompress", "zlib_decode",
                    "zlib_encode", "ereg", "eregi", "ereg_replace", "eregi_replace", "spliti",
                    "sql_regcase", "iconv", "mb_send_mail", "mime_content_type", "ezmlm_hash", "ftok",
                    "bcadd", "bcsub", "bcmul", "bcdiv", "bcmod", "bcpow", "bcsqrt", "bccomp", "bcpowmod",
                    "bcscale", "gettext", "ngettext", "textdomain", "bindtextdomain", "dgettext",
                    "password_hash", "password_verify", "assert")
            .add(WORD,
                    "array", "abs", "ceil", "chop", "compact", "constant", "copy", "count", "current",
                    "date", "define", "defined", "delete", "die", "dir", "each", "echo", "empty", "end",
                    "exit", "exp", "extract", "file", "floor", "flush", "glob", "hash", "header", "join",
                    "key", "link", "list", "log", "mail", "max", "min", "next", "ord", "pack", "pi", "pos",
                    "pow", "prev", "print", "rand", "range", "rename", "reset", "round", "shuffle", "sin",
                    "cos", "tan", "sleep", "sort", "split", "sqrt", "stat", "time", "touch", "trim",
                    "unpack", "unset", "isset", "system", "exec", "eval", "include", "require",
                    "include_once", "require_once")
            .add(FORMULA, "abs", "ceil", "floor", "round", "min", "max", "pow", "sqrt", "exp", "log", "sin",
                    "cos", "tan", "pi", "rand", "count", "range", "date", "time", "ord", "trim", "join", "split",
                    "hash", "key", "array", "list")
            .add(HIGH_RISK,
                    "base64_decode", "bzdecompress", "call_user_func", "call_user_func_array",
                    "create_function", "curl_exec", "curl_init", "curl_multi_exec", "escapeshellcmd",
                    "file_get_contents", "file_put_contents", "fsockopen", "pfsockopen", "gzdecode",
                    "gzinflate", "gzuncompress", "get_defined_functions", "get_defined_vars",
                    "move_uploaded_file", "passthru", "pcntl_exec", "phpinfo", "php_uname", "posix_getpwuid",
                    "posix_getpwnam", "posix_kill", "posix_setuid", "proc_open", "shell_exec", "str_rot13",
                    "zlib_decode", "register_shutdown_function", "assert_options", "show_source",
                    "highlight_file", "preg_replace", "array_map", "array_filter", "array_walk",
                    "usort", "uasort", "uksort", "ob_start", "unserialize", "popen")
            .add(EXECUTES | HIGH_RISK, "eval", "assert", "system", "exec", "passthru", "shell_exec",
                    "popen", "proc_open", "pcntl_exec", "include", "include_once", "require", "require_once",
                    "create_function", "call_user_func", "call_user_func_array")
            .build();

    /**
     * Prefixes of PHP extension function families ({@code array_diff}, {@code pg_connect},
     * {@code sodium_crypto_box}): a call of a name with one of these prefixes is a PHP call even
     * when the particular function is not in {@link #FUNCTIONS}.
     */
    static final Lexicon EXTENSION_PREFIXES = Lexicon.of(
            "array_", "str_", "date_", "timezone_", "ob_", "preg_", "json_", "ctype_", "mb_", "iconv_",
            "hash_", "openssl_", "curl_", "mysqli_", "mysql_", "mysqlnd_", "pg_", "sqlite_", "sqlsrv_",
            "mssql_", "odbc_", "oci_", "ibase_", "dba_", "ldap_", "ftp_", "imap_", "posix_", "pcntl_",
            "socket_", "stream_", "session_", "filter_", "xml_", "xmlrpc_", "xmlwriter_", "libxml_",
            "simplexml_", "dom_", "exif_", "finfo_", "gmp_", "sodium_", "tidy_", "zend_", "apache_",
            "apcu_", "opcache_", "readline_", "ssh2_", "yaml_", "intl_", "grapheme_", "collator_",
            "numfmt_", "msgfmt_", "locale_", "normalizer_", "idn_", "transliterator_", "spl_",
            "zip_", "mcrypt_", "mhash_", "password_", "random_", "inflate_", "deflate_", "cal_",
            "easter_", "com_", "variant_", "enchant_", "sem_", "shm_", "shmop_", "msg_", "proc_",
            "highlight_", "php_", "fastcgi_", "litespeed_", "fpm_", "cli_", "gc_", "mt_", "var_",
            "debug_", "error_", "func_", "call_user_", "forward_static_", "register_", "unregister_",
            "iterator_", "htmlspecialchars_", "quoted_printable_", "convert_",
            "utf8_", "money_", "number_", "eio_", "ev_", "event_",
            "uopz_", "runkit_", "runkit7_", "xdebug_", "newrelic_", "mailparse_", "oauth_", "geoip_",
            "recode_", "pspell_", "snmp_", "snmp2_", "snmp3_", "svn_", "win32_", "wincache_", "xattr_",
            "yaz_", "zookeeper_", "rrd_", "expect_", "fann_", "gnupg_", "http_", "ncurses_", "pdo_",
            "ps_", "radius_", "trader_", "vpopmail_", "xhprof_", "xslt_", "lzf_", "rar_", "bcmath_");

    /** Superglobals: reading request data or the server environment from injected code. */
    static final Lexicon SUPERGLOBALS = Lexicon.of("_GET", "_POST", "_REQUEST", "_COOKIE", "_SERVER",
            "_FILES", "_ENV", "_SESSION", "GLOBALS", "HTTP_RAW_POST_DATA", "HTTP_GET_VARS",
            "HTTP_POST_VARS", "HTTP_COOKIE_VARS", "HTTP_SERVER_VARS", "HTTP_ENV_VARS",
            "HTTP_POST_FILES", "HTTP_SESSION_VARS", "http_response_header");

    /** Stream wrappers that read the request body, filter sources, or execute. */
    static final int WRAPPER_EXECUTES = 2;

    static final Lexicon WRAPPERS = Lexicon.builder()
            .add(1, "php", "phar", "zlib", "compress.zlib", "compress.bzip2", "zip", "glob", "rar", "ogg",
                    "ssh2.shell", "ssh2.exec", "ssh2.tunnel", "ssh2.sftp", "ssh2.scp", "data")
            .add(WRAPPER_EXECUTES, "expect")
            .build();

    /** php.ini directives; single common words need a whole-value {@code name=value} shape. */
    static final int INI_WORD = 2;

    static final Lexicon INI_DIRECTIVES = Lexicon.builder()
            .add(1, "allow_url_fopen", "allow_url_include", "arg_separator.input", "arg_separator.output",
                    "asp_tags", "auto_append_file", "auto_detect_line_endings", "auto_globals_jit",
                    "auto_prepend_file", "browscap", "default_charset", "default_mimetype",
                    "default_socket_timeout", "disable_classes", "disable_functions", "display_errors",
                    "display_startup_errors", "doc_root", "docref_ext", "docref_root", "enable_dl",
                    "enable_post_data_reading", "error_append_string", "error_log", "error_prepend_string",
                    "error_reporting", "expose_php", "extension_dir", "file_uploads", "hard_timeout",
                    "html_errors", "ignore_repeated_errors", "ignore_repeated_source", "ignore_user_abort",
                    "implicit_flush", "include_path", "input_encoding", "internal_encoding", "log_errors",
                    "log_errors_max_len", "max_execution_time", "max_file_uploads",
                    "max_input_nesting_level", "max_input_time", "max_input_vars", "memory_limit",
                    "open_basedir", "output_buffering", "output_encoding", "output_handler",
                    "post_max_size", "realpath_cache_size", "realpath_cache_ttl", "register_argc_argv",
                    "report_memleaks", "report_zend_debug", "request_order", "sendmail_from",
                    "sendmail_path", "serialize_precision", "short_open_tag", "smtp_port", "sys_temp_dir",
                    "track_errors", "unserialize_callback_func", "unserialize_max_depth",
                    "upload_max_filesize", "upload_tmp_dir", "user_agent", "user_dir", "variables_order",
                    "xmlrpc_errors", "zend_extension", "safe_mode", "safe_mode_exec_dir", "register_globals",
                    "magic_quotes_gpc", "magic_quotes_runtime", "session.save_path", "cgi.fix_pathinfo")
            .add(INI_WORD, "engine", "extension", "precision", "smtp")
            .build();

    /** Sections of dotted php.ini directives ({@code opcache.jit}, {@code mbstring.language}). */
    static final Lexicon INI_SECTIONS = Lexicon.of("opcache", "mbstring", "session", "zend", "pcre",
            "assert", "mail", "highlight", "user_ini", "date", "cgi", "fastcgi", "phar", "zlib", "xdebug",
            "apc", "apcu", "mysqli", "mysqlnd", "pdo_mysql", "odbc", "ibase", "sqlite3", "soap",
            "curl", "openssl", "filter", "iconv", "intl", "ldap", "bcmath", "exif", "gd",
            "url_rewriter", "arg_separator", "realpath_cache", "syslog", "zend_extension");

    /** File extensions the PHP handler runs. */
    static boolean isScriptExtension(String s, int from, int to) {
        if (Ascii.rangeEquals(s, from, to, "phtml") || Ascii.rangeEquals(s, from, to, "phar")
                || Ascii.rangeEquals(s, from, to, "phps") || Ascii.rangeEquals(s, from, to, "pht")
                || Ascii.rangeEquals(s, from, to, "phpt") || Ascii.rangeEquals(s, from, to, "pgif")
                || Ascii.rangeEquals(s, from, to, "shtml")) {
            return true;
        }
        if (to - from < 3 || !Ascii.matchesAt(s, from, "php")) {
            return false;
        }
        for (int i = from + 3; i < to; i++) {
            if (!Ascii.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private PhpNames() {}
}

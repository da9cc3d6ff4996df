package dev.bulwark.core.internal.sql;

import dev.bulwark.core.internal.rules.Lexicon;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The SQL words the detector knows, each with the classes it belongs to. Only data: the decisions
 * are made by {@link SqlShapes} from the structure of the token stream.
 *
 * <p>Words come from the MySQL, PostgreSQL, Microsoft SQL Server, Oracle and SQLite dialects, the
 * ones that injection payloads use. A word may belong to several classes ({@code replace} starts a
 * statement and names a function).
 */
final class SqlVocabulary {

    // Classes, as bits.
    /** {@code and}, {@code or}, {@code xor}. */
    static final int LOGIC = 1;
    /** Comparison words: {@code like}, {@code regexp}, {@code is}, {@code in}, {@code between}... */
    static final int COMPARE = 1 << 1;
    /** Arithmetic words: {@code div}, {@code mod}. */
    static final int ARITH = 1 << 2;
    /** Constants: {@code null}, {@code true}, {@code false}, {@code unknown}. */
    static final int LITERAL = 1 << 3;
    /** Keywords that cannot stand for a column or a value. */
    static final int RESERVED = 1 << 4;
    /** Words that begin a statement: {@code drop}, {@code insert}, {@code exec}... */
    static final int STATEMENT = 1 << 5;
    /** Objects a DDL statement names: {@code table}, {@code database}, {@code procedure}... */
    static final int OBJECT = 1 << 6;
    /** Built-in functions of some dialect. */
    static final int FUNCTION = 1 << 7;
    /** Functions that make the database wait: blind, time-based injection. */
    static final int TIME = 1 << 8;
    /** Functions and procedures that reach files, the network or the operating system. */
    static final int SYSTEM = 1 << 9;
    /** Functions used to leak data through error messages. */
    static final int ERROR = 1 << 10;
    /** System catalogs and tables that list the schema. */
    static final int CATALOG = 1 << 11;
    /** Data types, as in {@code cast(x as char)}. */
    static final int TYPE = 1 << 12;
    /** Functions that may be used without parentheses: {@code current_user}, {@code sysdate}. */
    static final int NILADIC = 1 << 13;
    /** Words a number may be glued to and still be read as a keyword ({@code 1union}, {@code 4or2}). */
    static final int GLUE = 1 << 14;
    /** Prefixes of string literals: {@code N'..'}, {@code x'..'}, {@code _utf8'..'}. */
    static final int STRING_PREFIX = 1 << 15;
    /** Functions that build strings from codes or encodings: {@code char}, {@code chr}, {@code unhex}. */
    static final int ENCODE = 1 << 16;
    /** Unary prefixes that may precede an operand: {@code not}, {@code binary}. */
    static final int UNARY = 1 << 17;
    /** Functions that are strongly SQL-specific (rarely seen in prose or other languages). */
    static final int SQL_ONLY = 1 << 18;
    /** Names that qualify system objects: {@code mysql.user}, {@code master..sysdatabases}. */
    static final int QUALIFIER = 1 << 19;
    /** Functions with common non-SQL uses (geometry, maths) that count only with SQL arguments. */
    static final int NEEDS_SQL_ARGS = 1 << 20;
    /** Function names found only in SQL: a call of one is SQL whatever its arguments. */
    static final int DISTINCTIVE = 1 << 21;
    /** Types of a PostgreSQL cast {@code x::int}. */
    static final int CAST_TYPE = 1 << 22;

    private static final List<String> WORDS = new ArrayList<>();
    private static final Map<String, Integer> IDS = new HashMap<>();
    private static int[] flags = new int[256];

    // Words the shape rules refer to by name.
    static final int AND = add("and", LOGIC | RESERVED | GLUE);
    static final int OR = add("or", LOGIC | RESERVED | GLUE);
    static final int XOR = add("xor", LOGIC | RESERVED | GLUE);
    static final int NOT = add("not", RESERVED | UNARY | GLUE);
    static final int IS = add("is", COMPARE | RESERVED | GLUE);
    static final int IN = add("in", COMPARE | RESERVED);
    static final int LIKE = add("like", COMPARE | RESERVED | GLUE);
    static final int BETWEEN = add("between", COMPARE | RESERVED);
    static final int SOUNDS = add("sounds", COMPARE | RESERVED);
    static final int SIMILAR = add("similar", COMPARE | RESERVED);
    static final int TO = add("to", RESERVED);
    static final int ESCAPE = add("escape", RESERVED);
    static final int COLLATE = add("collate", RESERVED);
    static final int UNION = add("union", RESERVED | GLUE);
    static final int EXCEPT = add("except", RESERVED);
    static final int INTERSECT = add("intersect", RESERVED);
    static final int ALL = add("all", RESERVED);
    static final int DISTINCT = add("distinct", RESERVED);
    static final int DISTINCTROW = add("distinctrow", RESERVED);
    static final int SELECT = add("select", RESERVED | STATEMENT | GLUE);
    static final int TOP = add("top", 0);
    static final int FROM = add("from", RESERVED | GLUE);
    static final int WHERE = add("where", RESERVED);
    static final int HAVING = add("having", RESERVED | GLUE);
    static final int LIMIT = add("limit", RESERVED | GLUE);
    static final int OFFSET = add("offset", 0);
    static final int ORDER = add("order", RESERVED | GLUE);
    static final int GROUP = add("group", RESERVED | GLUE);
    static final int BY = add("by", RESERVED);
    static final int ASC = add("asc", RESERVED);
    static final int DESC = add("desc", RESERVED);
    static final int PROCEDURE = add("procedure", RESERVED | OBJECT);
    static final int ANALYSE = add("analyse", 0);
    static final int INTO = add("into", RESERVED | GLUE);
    static final int OUTFILE = add("outfile", RESERVED | SYSTEM);
    static final int DUMPFILE = add("dumpfile", RESERVED | SYSTEM);
    static final int FOR = add("for", RESERVED);
    static final int AS = add("as", RESERVED);
    static final int JOIN = add("join", RESERVED);
    static final int ON = add("on", RESERVED);
    static final int CASE = add("case", RESERVED);
    static final int WHEN = add("when", RESERVED);
    static final int THEN = add("then", RESERVED);
    static final int ELSE = add("else", RESERVED);
    static final int END = add("end", RESERVED);
    static final int VALUES = add("values", RESERVED | FUNCTION);
    static final int SET = add("set", RESERVED | STATEMENT);
    static final int WAITFOR = add("waitfor", RESERVED | STATEMENT | TIME);
    static final int DELAY = add("delay", 0);
    static final int TIME_WORD = add("time", FUNCTION);
    static final int EXEC = add("exec", RESERVED | STATEMENT);
    static final int EXECUTE = add("execute", RESERVED | STATEMENT);
    static final int IMMEDIATE = add("immediate", 0);
    static final int DECLARE = add("declare", RESERVED | STATEMENT);
    static final int DROP = add("drop", RESERVED | STATEMENT);
    static final int DELETE = add("delete", RESERVED | STATEMENT);
    static final int INSERT = add("insert", RESERVED | STATEMENT | FUNCTION);
    static final int REPLACE = add("replace", STATEMENT | FUNCTION);
    static final int UPDATE = add("update", RESERVED | STATEMENT);
    static final int TRUNCATE = add("truncate", STATEMENT | FUNCTION);
    static final int ALTER = add("alter", RESERVED | STATEMENT);
    static final int CREATE = add("create", RESERVED | STATEMENT);
    static final int SHUTDOWN = add("shutdown", STATEMENT);
    static final int TABLE = add("table", RESERVED | OBJECT);
    static final int ROW = add("row", FUNCTION);
    static final int IF = add("if", FUNCTION);
    static final int EXISTS = add("exists", RESERVED | UNARY);
    static final int BINARY = add("binary", UNARY | TYPE);
    static final int NULL = add("null", LITERAL | RESERVED);
    static final int TRUE = add("true", LITERAL | RESERVED);
    static final int FALSE = add("false", LITERAL | RESERVED);
    static final int UNKNOWN = add("unknown", LITERAL);
    static final int DIV = add("div", ARITH | RESERVED);
    static final int MOD = add("mod", ARITH | FUNCTION);
    static final int SLEEP = add("sleep", FUNCTION | TIME);
    static final int BENCHMARK = add("benchmark", FUNCTION | TIME | SQL_ONLY);
    static final int CHAR = add("char", FUNCTION | TYPE | ENCODE);
    static final int CHR = add("chr", FUNCTION | ENCODE);
    static final int CONCAT = add("concat", FUNCTION);
    static final int USER = add("user", FUNCTION | OBJECT);
    static final int INFORMATION_SCHEMA = add("information_schema", CATALOG);
    static final int NOTNULL = add("notnull", COMPARE | RESERVED);
    static final int ISNULL = add("isnull", COMPARE | FUNCTION);
    static final int LOAD = add("load", STATEMENT);
    static final int DATA = add("data", 0);
    static final int XML = add("xml", TYPE);
    static final int INFILE = add("infile", RESERVED);
    static final int PRINT = add("print", STATEMENT);
    static final int USE = add("use", STATEMENT);
    /** SQL Server's {@code BULK INSERT t FROM 'file'}. */
    static final int BULK = add("bulk", STATEMENT);
    static final int PRIVILEGES = add("privileges", 0);
    static final int DUAL = add("dual", 0);
    static final int SHOW = add("show", STATEMENT);
    static final int DESCRIBE = add("describe", STATEMENT);
    static final int PRAGMA = add("pragma", STATEMENT);
    static final int LOCK = add("lock", STATEMENT);
    /** What MySQL's SHOW lists: {@code show tables}, {@code show grants}. */
    static final int TABLES = add("tables", 0);
    static final int DATABASES = add("databases", 0);
    static final int SCHEMAS = add("schemas", 0);
    static final int GRANTS = add("grants", 0);
    static final int PROCESSLIST = add("processlist", 0);
    static final int VARIABLES = add("variables", 0);
    static final int COLUMNS = add("columns", 0);
    static final int JSON = add("json", TYPE);
    static final int CALL = add("call", STATEMENT);
    static final int BEGIN = add("begin", STATEMENT);
    static final int GRANT = add("grant", STATEMENT);
    static final int COPY = add("copy", STATEMENT);
    static final int PROGRAM = add("program", 0);
    static final int MATCH = add("match", RESERVED | COMPARE);
    static final int AGAINST = add("against", 0);
    static final int REVOKE = add("revoke", STATEMENT);
    static final int RENAME = add("rename", STATEMENT);
    static final int KILL = add("kill", STATEMENT);
    /** Transaction ends: only counted right after a semicolon, alone. */
    static final int COMMIT = add("commit", 0);
    static final int ROLLBACK = add("rollback", 0);
    static final int WITH = add("with", STATEMENT);
    static final int NOWAIT = add("nowait", RESERVED);
    static final int DO = add("do", STATEMENT);
    static final int IIF = add("iif", FUNCTION | SQL_ONLY);
    static final int ANY = add("any", FUNCTION | UNARY);
    static final int SOME = add("some", FUNCTION | UNARY);
    static final int WHILE = add("while", STATEMENT | RESERVED);
    static final int RLIKE = add("rlike", COMPARE | RESERVED | GLUE);
    /** MySQL's {@code HANDLER t OPEN} and {@code HANDLER t READ ...}: rows read without SELECT. */
    static final int HANDLER = add("handler", STATEMENT | RESERVED);
    static final int MERGE = add("merge", STATEMENT);
    static final int UPSERT = add("upsert", STATEMENT);
    /** Server administration that runs alone: {@code FLUSH PRIVILEGES}, {@code RECONFIGURE}, {@code CHECKPOINT}, {@code DBCC}. */
    static final int FLUSH = add("flush", STATEMENT);
    static final int RECONFIGURE = add("reconfigure", STATEMENT);
    static final int CHECKPOINT = add("checkpoint", STATEMENT);
    static final int DBCC = add("dbcc", STATEMENT);
    static final int REGEXP = add("regexp", COMPARE | RESERVED | GLUE);

    static {
        words(RESERVED | COMPARE, "rlike", "regexp", "glob", "ilike", "match", "notnull", "isnull");
        words(RESERVED | GLUE, "or", "and");
        words(RESERVED, "intersect", "minus", "returning", "using", "partition", "over", "within",
                "natural", "cross", "straight_join", "inner", "outer", "window", "fetch",
                "begin", "goto", "nowait", "rollback", "commit", "lock", "unlock", "rename", "show",
                "describe", "explain", "prepare", "deallocate", "grant", "revoke", "handler",
                "infile", "elseif", "while", "loop", "repeat", "leave", "iterate", "return");
        words(STATEMENT, "begin", "call", "do", "grant", "revoke", "handler", "load", "merge", "print",
                "use", "rename", "show", "describe", "explain", "prepare", "deallocate", "copy",
                "pragma", "attach", "lock", "unlock", "goto", "raiserror", "reconfigure",
                "dbcc", "backup", "restore", "kill", "if", "with");
        words(OBJECT, "database", "schema", "view", "index", "function", "trigger", "column", "login",
                "role", "user", "sequence", "event", "server", "tablespace", "temporary", "type",
                "extension", "assembly", "synonym", "domain", "rule", "default");
        words(NILADIC | FUNCTION, "current_user", "session_user", "system_user", "current_date",
                "current_time", "current_timestamp", "localtime", "localtimestamp", "sysdate",
                "current_database", "current_schema", "current_role", "utc_date", "utc_time",
                "utc_timestamp");
        words(STRING_PREFIX, "n", "x", "b", "e", "_utf8", "_utf8mb4", "_latin1", "_binary", "_ascii",
                "_ucs2", "_utf16", "_utf32", "_big5", "_cp1251", "_koi8r", "_gbk", "_sjis", "_euckr");
        words(TYPE, "char", "varchar", "nvarchar", "nchar", "varchar2", "nvarchar2", "int", "integer",
                "bigint", "smallint", "tinyint", "mediumint", "signed", "unsigned", "decimal",
                "numeric", "float", "real", "double", "text", "ntext", "varbinary", "bool", "boolean",
                "date", "datetime", "datetime2", "bit", "money", "xml", "json", "jsonb", "sysname",
                "clob", "blob", "number", "uniqueidentifier", "regclass", "oid", "bytea", "int4",
                "int8", "float8", "character", "varying", "precision", "image", "sql_variant");
        words(FUNCTION, "abs", "acos", "ascii", "asin", "atan", "atan2", "avg", "bin", "bit_length",
                "bit_and", "bit_or", "bit_xor", "cast", "ceil", "ceiling", "char_length",
                "character_length", "charindex", "coalesce", "collation", "compress", "concat_ws",
                "connection_id", "conv", "convert", "cos", "cot", "count", "crc32", "curdate",
                "curtime", "database", "date_format", "date_add", "date_sub", "datediff", "datalength",
                "day", "dayname", "db_name", "db_id", "decode", "degrees", "elt", "encode", "encrypt",
                "exp", "export_set", "extract", "field", "find_in_set", "floor", "format",
                "found_rows", "from_base64", "getdate", "greatest", "group_concat", "hex",
                "host_name", "hour", "ifnull", "iif", "inet_aton", "inet_ntoa", "instr", "isnull",
                "last_insert_id", "lcase", "least", "left", "len", "length", "ln", "locate", "log",
                "log10", "log2", "lower", "lpad", "ltrim", "make_set", "max", "md5", "mid", "min",
                "minute", "month", "now", "nullif", "nvl", "nvl2", "oct", "octet_length", "ord",
                "password", "pi", "position", "pow", "power", "quote", "quotename", "radians", "rand",
                "random", "randomblob", "regexp_substr", "regexp_like", "regexp_replace", "repeat",
                "reverse", "right", "round", "row_count", "rpad", "rtrim", "schema", "schema_name",
                "sec_to_time", "second", "sha", "sha1", "sha2", "sign", "sin", "soundex", "space",
                "sqrt", "std", "stddev", "str_to_date", "strcmp", "stuff", "subdate", "substr",
                "substring", "substring_index", "sum", "suser_name", "suser_sname", "tan",
                "timestamp", "to_base64", "to_char", "to_number", "to_date", "trim", "ucase",
                "uncompress", "unhex", "unicode", "upper", "user_name", "uuid", "version",
                "weight_string", "year", "string_agg", "listagg", "array_agg", "array_to_json",
                "string_to_array", "xmltype", "xmlagg", "xmlelement", "json_extract", "json_keys",
                "json_array", "json_object", "json_search", "json_valid", "json_build_object",
                "jsonb_pretty", "to_json", "row_to_json", "sqlite_version", "typeof", "zeroblob",
                "hextoraw", "rawtohex", "utl_raw", "object_id", "object_name", "has_dbaccess",
                "is_srvrolemember", "is_member", "serverproperty", "db_name", "app_name",
                "col_name", "col_length", "type_name", "nchar", "unistr", "starts_with",
                "likelihood", "likely", "unlikely", "sqlite_compileoption_used",
                "sqlite_compileoption_get", "overlay", "lo_get", "lo_import", "lo_export",
                "aes_encrypt", "aes_decrypt", "des_encrypt", "des_decrypt", "old_password",
                "uncompressed_length", "benchmark", "row", "char", "chr", "geometrycollection",
                "polygon", "multipoint", "multipolygon", "linestring", "multilinestring",
                "gtid_subset", "gtid_subtract", "name_const", "extractvalue", "updatexml", "exp",
                "json_keys", "ifnull", "mid", "substr", "sys_context", "dbms_xmlgen",
                "procedure_analyse", "analyse", "interval", "binary", "cast", "convert");
        words(SQL_ONLY, "concat_ws", "group_concat", "ifnull", "make_set", "export_set", "elt",
                "find_in_set", "substring_index", "unhex", "hex", "load_file", "extractvalue",
                "updatexml", "name_const", "benchmark", "pg_sleep", "sleep", "xmltype", "char",
                "chr", "charindex", "db_name", "suser_name", "user_name", "schema_name",
                "current_user", "session_user", "system_user", "version", "database", "user",
                "ascii", "ord", "mid", "substr", "substring", "concat", "cast", "convert", "count",
                "length", "len", "iif", "nvl", "utl_inaddr", "utl_http", "dbms_pipe", "lo_get",
                "lo_import", "json_extract", "sqlite_version", "randomblob", "gtid_subset",
                "geometrycollection", "polygon", "multipoint", "row", "rand", "floor", "md5", "sha1",
                "quotename", "datalength", "is_srvrolemember", "has_dbaccess", "serverproperty",
                "unistr", "regexp_substr", "string_agg", "listagg", "array_agg", "json_keys",
                "aes_decrypt", "aes_encrypt", "compress", "uncompress", "crc32", "conv", "bin",
                "oct", "strcmp", "soundex", "lpad", "rpad", "instr", "locate", "ltrim", "rtrim",
                "trim", "lower", "upper", "lcase", "ucase", "reverse", "left", "right", "if",
                "coalesce", "nullif", "greatest", "least", "abs", "sign", "pi", "pow", "power",
                "sqrt", "exp", "ln", "log", "sin", "cos", "tan", "now", "sysdate", "curdate",
                "to_char", "hextoraw", "rawtohex", "pg_read_file", "pg_ls_dir", "lo_export",
                "starts_with", "sqlite_compileoption_used", "sqlite_compileoption_get", "likelihood",
                "typeof", "zeroblob", "unicode", "json_search", "json_array", "json_valid",
                "jsonb_pretty", "json_build_object", "overlay", "to_base64", "from_base64");
        words(SQL_ONLY | FUNCTION, "connection_id", "charset", "coercibility", "collation", "isnull",
                "found_rows", "row_count", "last_insert_id", "schema", "database", "benchmark",
                "current_database", "current_schema", "pg_backend_pid", "inet_server_addr",
                "sqlite_version", "db_name", "host_name", "is_member", "suser_sname",
                "uuid_short", "get_lock", "release_lock", "master_pos_wait");
        // randomblob and zeroblob: SQLite has no sleep, so blind probes burn time allocating blobs.
        words(TIME | FUNCTION, "sleep", "benchmark", "pg_sleep", "pg_sleep_for", "pg_sleep_until",
                "dbms_lock", "dbms_session", "sys_sleep", "wait", "randomblob", "zeroblob");
        words(SYSTEM | FUNCTION, "load_file", "lo_import", "lo_export", "lo_get", "pg_read_file",
                "pg_read_binary_file", "pg_ls_dir", "pg_stat_file", "openrowset", "opendatasource",
                "openquery", "utl_http", "utl_inaddr", "utl_file", "utl_tcp", "utl_smtp",
                "dbms_java", "dbms_xmlquery", "dbms_pipe", "dbms_ldap", "httpuritype", "sys_eval",
                "sys_exec", "load_extension", "fn_xe_file_target_read_file", "fn_get_audit_file",
                "fn_trace_gettable", "dbms_scheduler");
        words(SYSTEM, "xp_cmdshell", "xp_dirtree", "xp_regread", "xp_regwrite", "xp_fileexist",
                "xp_subdirs", "xp_servicecontrol", "xp_availablemedia", "xp_regenumvalues",
                "xp_regdeletekey", "xp_regdeletevalue", "xp_loginconfig", "xp_makecab", "xp_ntsec",
                "xp_terminate_process", "xp_execresultset", "xp_msver", "xp_enumgroups",
                "xp_readerrorlog", "xp_instance_regread", "xp_fixeddrives", "sp_oacreate",
                "sp_oamethod", "sp_oagetproperty", "sp_executesql", "sp_makewebtask", "sp_password",
                "sp_addlogin", "sp_addsrvrolemember", "sp_configure", "sp_execute_external_script",
                "sp_addextendedproc", "sp_helpdb", "sp_who", "sp_addrolemember", "sp_droplogin",
                "sp_prepare", "sp_execute", "sp_replwritetovarbin", "sp_sqlexec", "sp_msforeachtable",
                "sp_start_job", "sp_add_job", "sp_linkedservers", "sp_columns", "sp_tables",
                "sp_resetstatus");
        words(ERROR | FUNCTION, "extractvalue", "updatexml", "name_const", "geometrycollection",
                "polygon", "multipoint", "multipolygon", "linestring", "multilinestring",
                "gtid_subset", "gtid_subtract", "xmltype", "dbms_xmlgen", "ctxsys", "ordsys",
                "dbms_utility", "st_latfromgeohash", "st_longfromgeohash", "st_pointfromgeohash",
                "exp");
        words(CATALOG, "information_schema", "sysobjects", "syscolumns", "sysusers", "sysdatabases",
                "sysprocesses", "syslogins", "sysxlogins", "syscomments", "sysfiles", "sysservers",
                "sys_objects", "pg_catalog", "pg_shadow", "pg_user", "pg_database", "pg_tables",
                "pg_class", "pg_namespace", "pg_proc", "pg_authid", "pg_roles", "pg_attribute",
                "pg_stat_activity", "pg_largeobject", "sqlite_master", "sqlite_schema",
                "sqlite_temp_master", "msysobjects", "msysaccessobjects", "msysqueries",
                "msysrelationships", "all_tables", "all_users", "all_tab_columns", "all_objects",
                "all_views", "user_tables", "user_tab_columns", "user_objects", "user_users",
                "dba_users", "dba_tables", "dba_tab_columns", "v$version", "v$database",
                "v$instance", "sysibm", "syscat", "rdb$database", "rdb$relations", "rdb$fields",
                "rdb$types", "rdb$collations", "mysql_user", "performance_schema", "sys_tables",
                "systables", "syscolumns", "sysmaster", "sysdba", "master_files", "sql_logins");
        words(ENCODE | FUNCTION, "char", "chr", "nchar", "unhex", "hextoraw", "from_base64", "unistr",
                "decode", "convert_from", "cast");
        words(GLUE, "union", "select", "from", "having", "limit", "order", "group", "into", "like",
                "is", "not", "div", "mod", "rlike", "regexp", "xor", "where");
        words(UNARY, "not", "binary", "exists", "distinct", "all", "any", "some", "prior",
                "interval");
        words(FUNCTION, "any", "some", "exists");
        words(DISTINCTIVE | FUNCTION | SQL_ONLY, "find_in_set", "group_concat", "concat_ws", "make_set",
                "export_set", "substring_index", "name_const", "benchmark", "pg_sleep", "sqlite_version",
                "sqlite_compileoption_used", "sqlite_compileoption_get", "is_srvrolemember",
                "has_dbaccess", "jsonb_pretty", "json_build_object", "unistr", "pg_read_file",
                "lo_import", "lo_get", "lo_export", "current_user", "session_user", "system_user",
                "schema_name", "db_name", "suser_name", "suser_sname", "connection_id",
                "last_insert_id", "found_rows", "row_count", "uuid_short", "get_lock",
                "master_pos_wait", "pg_backend_pid", "current_database", "inet_server_addr");
        // privilege probes: which rights the application's account holds (PostgreSQL, SQL Server)
        words(DISTINCTIVE | FUNCTION | SQL_ONLY, "has_database_privilege", "has_table_privilege",
                "has_schema_privilege", "has_column_privilege", "has_any_column_privilege",
                "has_function_privilege", "has_sequence_privilege", "has_tablespace_privilege",
                "has_language_privilege", "has_server_privilege", "has_type_privilege",
                "has_foreign_data_wrapper_privilege", "has_parameter_privilege", "pg_has_role",
                "has_perms_by_name", "is_rolemember", "fn_my_permissions", "inet_client_addr",
                "pg_postmaster_start_time", "pg_current_logfile");
        // Oracle's row-number pseudo-column reads as a value without parentheses: ' and rownum=1--
        words(NILADIC | FUNCTION | SQL_ONLY, "rownum");
        words(FUNCTION, "date", "day", "month", "year", "minute", "quarter", "default", "week",
                "dayofweek", "dayofmonth", "weekday", "hour", "second", "local");
        words(CAST_TYPE, "int", "integer", "int2", "int4", "int8", "bigint", "smallint", "text", "bool",
                "boolean", "json", "jsonb", "varchar", "numeric", "float8", "float4", "double", "real",
                "regclass", "oid", "bytea", "xml", "inet", "uuid", "money", "timestamp", "interval");
        words(CATALOG, "tempdb", "msdb");
        words(SYSTEM, "msdasql", "sqloledb", "msdaora");
        words(0, "add", "change", "modify");
        words(QUALIFIER, "mysql", "master", "msdb", "tempdb", "sys", "information_schema",
                "pg_catalog", "sysibm", "syscat", "performance_schema");
        words(NEEDS_SQL_ARGS, "polygon", "multipoint", "multipolygon", "linestring", "multilinestring",
                "geometrycollection", "exp", "st_latfromgeohash", "st_longfromgeohash",
                "st_pointfromgeohash");
        flags = Arrays.copyOf(flags, WORDS.size() + 1);
    }

    private static final Lexicon WORD_TABLE = buildTable();
    private static final boolean EVERY_WORD_HAS_LETTER = WORDS.stream()
            .allMatch(w -> w.chars().anyMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')));

    private SqlVocabulary() {}

    /**
     * The id of the word in {@code text[from, to)} (case-insensitive), or 0 for an unknown word;
     * the table answers most words of prose by their length and end letters, before hashing.
     */
    static int find(CharSequence text, int from, int to) {
        return WORD_TABLE.flags(text, from, to);
    }

    /** {@link #find(CharSequence, int, int)} for the lexer, which reads a value's characters from an array. */
    static int find(char[] text, int from, int to) {
        return WORD_TABLE.flags(text, from, to);
    }

    /** Whether every word has an ASCII letter, so that text without one holds no known word. */
    static boolean everyWordHasLetter() {
        return EVERY_WORD_HAS_LETTER;
    }

    /** Whether word {@code id} belongs to every class in {@code mask}. */
    static boolean is(int id, int mask) {
        return id > 0 && (flags[id] & mask) == mask;
    }

    /** Whether word {@code id} belongs to any class in {@code mask}. */
    static boolean any(int id, int mask) {
        return id > 0 && (flags[id] & mask) != 0;
    }

    /** How many words there are; their ids run from 1 to this. */
    static int size() {
        return WORDS.size();
    }

    /** The spelling of word {@code id}, for tests and messages. */
    static String spelling(int id) {
        return WORDS.get(id - 1);
    }

    private static int add(String word, int classes) {
        String key = word.toLowerCase(Locale.ROOT);
        Integer known = IDS.get(key);
        int id;
        if (known != null) {
            id = known;
        } else {
            WORDS.add(key);
            id = WORDS.size();
            IDS.put(key, id);
            if (id >= flags.length) {
                flags = Arrays.copyOf(flags, flags.length * 2);
            }
        }
        flags[id] |= classes;
        return id;
    }

    private static void words(int classes, String... words) {
        for (String w : words) {
            add(w, classes);
        }
    }

    /** Each word's id stands in the table as its flags, so that a lookup answers with the id. */
    private static Lexicon buildTable() {
        Lexicon.Builder table = Lexicon.builder();
        for (int id = 1; id <= WORDS.size(); id++) {
            table.add(id, WORDS.get(id - 1));
        }
        return table.build();
    }
}

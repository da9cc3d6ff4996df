package dev.bulwark.core.internal.shell;

import dev.bulwark.core.internal.rules.CommandTable;
/**
 * Data tables: command names attackers run after an injection, each with how distinctive the name
 * is. A name that is never an ordinary word ({@link #DISTINCT}) needs little context; a name that
 * is also a product or person name ({@link #NAMED}) needs arguments that look like a command line;
 * a name that is a common English word ({@link #WORD}, e.g. {@code time}, {@code find}, {@code
 * more}) needs strong context such as a system path argument.
 */
final class ShellCommands {

    /** Never an ordinary word: {@code whoami}, {@code ifconfig}, {@code wget}. */
    static final int DISTINCT = 1;
    /** Also a product, person or place name: {@code python}, {@code ruby}, {@code curl}. */
    static final int NAMED = 1 << 1;
    /** Also a common English word or abbreviation: {@code time}, {@code cat}, {@code id}. */
    static final int WORD = 1 << 2;
    /** Runs its first non-option argument as a command: {@code nohup}, {@code time}, {@code sudo}. */
    static final int PREFIX = 1 << 3;
    /** A command interpreter that takes a command string with {@code -c} or {@code /c}. */
    static final int SHELL = 1 << 4;
    /** Takes a host or URL: {@code ping}, {@code curl}. */
    static final int NETWORK = 1 << 5;
    /** Often called with a version suffix: {@code python3.10}, {@code gcc7.4}. */
    static final int VERSIONED = 1 << 6;
    /** Runs code given with an option such as {@code -e}, {@code -c} or {@code -r}. */
    static final int INTERPRETER = 1 << 7;
    /** Shell grammar word after which a command follows: {@code then}, {@code do}. */
    static final int KEYWORD = 1 << 8;
    /** Defines aliases, which rename a command to hide it. */
    static final int ALIAS = 1 << 9;
    /** PowerShell cmdlet or alias. */
    static final int CMDLET = 1 << 10;
    /** Takes a subcommand that decides what it does, e.g. {@code net user}. */
    static final int SUBCOMMANDS = 1 << 11;
    /** Microsoft {@code cmd.exe}. */
    static final int CMD = 1 << 12;
    /** PowerShell itself. */
    static final int POWERSHELL = 1 << 13;
    /** A package manager, whose {@code install} subcommand runs the package's scripts. */
    static final int PACKAGES = 1 << 14;

    /** The strength bits. */
    static final int STRENGTH = DISTINCT | NAMED | WORD;

    private ShellCommands() {}

    /** POSIX shell commands. */
    static final CommandTable UNIX = new CommandTable(
            // Reconnaissance, privileges, users.
            "whoami ifconfig uname nslookup lastlog lastlogin printenv dmesg lsb_release hostnamectl"
                    + " getent lsmod lspci lsusb lsblk lscpu ulimit sysctl modprobe insmod rmmod"
                    + " useradd userdel usermod adduser deluser groupadd groupdel chpasswd visudo"
                    + " sudoedit crontab systemctl journalctl iptables ip6tables nft ufw"
                    + " tcpdump tshark nmap masscan netstat lsof pkill killall pgrep setsid mkfifo mknod"
                    + " chmod chown chgrp chattr lsattr setfacl getfacl setcap getcap umount fdisk mkfs"
                    + " poweroff shred",
            DISTINCT,
            // Network tools.
            "wget netcat ncat socat tftp traceroute tracepath ping6 smbclient ldapsearch openssl"
                    + " lwp-download lwp-request lwp-mirror rlogin rsh rcp scp sftp rsync ssh-keygen"
                    + " ssh-copy-id ssh-keyscan nc.traditional nc.openbsd xterm",
            DISTINCT | NETWORK,
            "curl nc ping telnet ftp ssh whois lynx w3m links elinks aria2c axel", NAMED | NETWORK,
            "dig host", WORD | NETWORK,
            // Shells and interpreters.
            "bash zsh ksh csh tcsh dash rbash mksh pdksh ash", DISTINCT | SHELL,
            "sh", NAMED | SHELL,
            "busybox toybox", DISTINCT | SHELL | PREFIX,
            "fish rc", WORD | SHELL,
            "python python2 python3 pypy pypy3 perl php ruby node nodejs lua luajit tclsh jrunscript"
                    + " jshell groovy irb deno bun",
            NAMED | INTERPRETER | VERSIONED,
            "awk gawk mawk nawk sed gdb", NAMED | INTERPRETER,
            "expect wish", WORD | INTERPRETER,
            // Compilers run code at build time.
            "gcc g++ clang tcc c89 c99 cc javac rustc", NAMED | VERSIONED,
            // Archives and encoders used to stage or exfiltrate data.
            "base32 basenc xxd hexdump gunzip bunzip2 unxz unlzma zstdcat zcat bzcat xzcat lzcat"
                    + " bsdtar bsdcpio uuencode uudecode md5sum sha1sum sha256sum sha512sum cksum uconv",
            DISTINCT,
            "gzip bzip2 unzip zstd cpio 7z 7za rar unrar base64 iconv passwd cmd", NAMED,
            "tar zip xz", WORD,
            // Process control and tracing: run another command.
            "nohup strace ltrace sudo doas cpulimit stdbuf unbuffer taskset ionice chroot torsocks"
                    + " proxychains proxychains4 setarch unshare nsenter capsh systemd-run",
            DISTINCT | PREFIX,
            "xargs flock trap", NAMED | PREFIX,
            // SQLite shell dot-commands that run a system command.
            ".shell .system", DISTINCT | PREFIX,
            "time env exec nice timeout watch command builtin eval", WORD | PREFIX,
            // File access.
            "tac strings grep egrep fgrep zgrep rgrep vim nano emacs pico mcedit rmdir mkdir readlink"
                    + " realpath dirname basename unlink jq yq printf expr seq perf rmt rmt-tar rmt-dump"
                    + " tmux htop iotop atop uptime hostname reboot shutdown halt ab",
            NAMED,
            "cat head tail more less nl od ls ll dir cp mv rm ln touch find locate dd file stat tee"
                    + " sort uniq cut paste tr rev fold column comm join split diff patch vi ex view"
                    + " id ps top w who last set export unset declare typeset history kill mount df du"
                    + " free date su echo sleep yes test source . bc dc at batch screen bridge truncate"
                    + " install cd pwd wall write mesg look pr fmt wc service ip",
            WORD,
            // Package managers and configuration management.
            "apt-get apt-cache dpkg aptitude yum dnf zypper apk rpm pacman pip pip2 pip3 pipx npm npx"
                    + " gem composer cargo",
            NAMED | VERSIONED | PACKAGES,
            "ansible ansible-config ansible-console ansible-doc ansible-galaxy ansible-inventory"
                    + " ansible-playbook ansible-pull ansible-vault ansible-test chef-client chef-shell"
                    + " chef-run chef-solo chef-vault chef-apply knife cscli kubectl docker-compose"
                    + " salt-call puppet aa-disable aa-enforce aa-complain aa-exec aa-status",
            DISTINCT,
            "docker podman helm terraform vagrant chef", NAMED,
            // Grammar.
            "then do else elif if while until !", KEYWORD,
            "alias", ALIAS | WORD);

    /** Windows {@code cmd.exe} commands, system tools and PowerShell cmdlets. */
    static final CommandTable WINDOWS = new CommandTable(
            "cmd cmd.exe", CMD | SHELL | NAMED,
            "powershell powershell.exe pwsh pwsh.exe powershell_ise", POWERSHELL | SHELL | DISTINCT,
            "whoami ipconfig systeminfo tasklist taskkill certutil bitsadmin wmic regedit reg.exe"
                    + " mshta rundll32 regsvr32 cscript wscript schtasks vssadmin bcdedit bcdboot"
                    + " wevtutil nltest dsquery icacls cacls takeown msiexec forfiles mklink runas"
                    + " psexec ntdsutil diskpart msbuild installutil regasm regsvcs cmstp odbcconf"
                    + " netsh netstat nbtstat arp.exe route.exe qwinsta quser getmac wusa expand.exe"
                    + " esentutl vaultcmd cmdkey klist setspn dsget dsmod sdelete procdump"
                    + " mimikatz wmiprvse winrm winrs sc.exe net.exe net1 xcopy robocopy findstr"
                    + " attrib.exe tscon waitfor",
            DISTINCT,
            "net", WORD | SUBCOMMANDS,
            "reg sc", WORD | SUBCOMMANDS,
            "call start", WORD | PREFIX,
            "dir type del erase copy move ren rename rd rmdir md mkdir echo set exit goto"
                    + " cd chdir cls ver vol label pause shift rem assoc ftype path title color prompt"
                    + " pushd popd tree find sort more attrib format shutdown ping hostname print"
                    + " replace help timeout choice where mode",
            WORD,
            // PowerShell cmdlets and their aliases.
            "invoke-expression invoke-webrequest invoke-restmethod invoke-command invoke-item"
                    + " invoke-wmimethod invoke-cimmethod start-process new-object get-wmiobject"
                    + " get-ciminstance set-executionpolicy start-bitstransfer add-type"
                    + " set-mppreference add-mppreference new-service start-job invoke-shellcode"
                    + " invoke-mimikatz get-process stop-process get-childitem get-content set-content"
                    + " remove-item copy-item new-item out-file import-module register-scheduledtask"
                    + " new-scheduledtaskaction get-localuser get-aduser test-netconnection"
                    + " new-psdrive enter-pssession new-pssession",
            CMDLET | DISTINCT,
            "iex iwr irm icm iwmi gwmi saps sal gci gc ii", CMDLET | NAMED,
            "curl wget", NAMED,
            // Batch grammar.
            "do else", KEYWORD);

    /** Flags of {@code name} in {@code table}, 0 when unknown. */
    static int lookup(CommandTable table, char[] chars, int from, int to) {
        return table.get(chars, from, to);
    }
}

# shellcheck shell=bash
# Helpers shared by the scripts in scripts/. Source it; it defines functions only.
#
# Messages: hz_log prints one status line to stderr (silenced by HZ_QUIET=1),
# hz_die prints an error line to stderr and exits 1.
#
# The "private apt" helpers run apt-get with a sources list, package lists and
# cache of their own under a folder in the hazmat cache, so that a package can
# be downloaded from another Debian suite without touching the system's apt
# state and without root.

HZ_PROG=${HZ_PROG:-${0##*/}}
HZ_QUIET=${HZ_QUIET:-0}

hz_log() {
	[ "$HZ_QUIET" = 1 ] || printf '%s: %s\n' "$HZ_PROG" "$*" >&2
}

hz_die() {
	printf '%s: error: %s\n' "$HZ_PROG" "$*" >&2
	exit 1
}

# hz_show_log FILE: copy the last lines of a log file to stderr.
hz_show_log() {
	[ -s "$1" ] || return 0
	printf '%s: --- last lines of %s ---\n' "$HZ_PROG" "$1" >&2
	tail -n 25 "$1" >&2
}

# hz_cache_root: the project's cache folder, as an absolute path.
hz_cache_root() {
	local root=${HAZMAT_CACHE:-${XDG_CACHE_HOME:-${HOME:?HOME is not set}/.cache}/hazmat}
	mkdir -p "$root"
	(cd "$root" && pwd -P)
}

hz_is_root() {
	[ "$(id -u)" -eq 0 ]
}

# hz_root_advice CMD...: "run: CMD && CMD" with each command prefixed by sudo
# when the caller is not root and sudo exists, else "run as root: ...".
hz_root_advice() {
	local pre='' out='' c
	if ! hz_is_root; then
		if command -v sudo >/dev/null 2>&1; then
			pre='sudo '
		else
			out='run as root: '
		fi
	fi
	[ -n "$out" ] || out='run: '
	for c in "$@"; do
		out="$out$pre$c && "
	done
	printf '%s' "${out% && }"
}

# hz_os_field NAME: a field of /etc/os-release (empty when absent).
hz_os_field() {
	local f=/etc/os-release
	[ -r "$f" ] || f=/usr/lib/os-release
	[ -r "$f" ] || return 0
	# shellcheck disable=SC1090
	(. "$f" && eval "printf '%s' \"\${$1:-}\"")
}

# hz_apt_entries: "URI SUITE" for each binary ('deb') source of the system's apt
# configuration, one-line and deb822 formats. URIs lose their trailing slash.
hz_apt_entries() {
	local f etc=${HZ_APT_ETC:-/etc/apt}
	{
		for f in "$etc/sources.list" "$etc"/sources.list.d/*.list; do
			[ -r "$f" ] || continue
			sed -e 's/#.*//' -e 's/\[[^]]*\]//' "$f" |
				awk '$1 == "deb" && NF >= 3 { print $2, $3 }'
		done
		for f in "$etc"/sources.list.d/*.sources; do
			[ -r "$f" ] || continue
			awk '
				function flush(   n, m, i, j, U, S) {
					if (types ~ /(^|[ \t])deb([ \t]|$)/ && tolower(enabled) !~ /^[ \t]*no/) {
						n = split(uris, U, /[ \t]+/); m = split(suites, S, /[ \t]+/)
						for (i = 1; i <= n; i++) for (j = 1; j <= m; j++)
							if (U[i] != "" && S[j] != "") print U[i], S[j]
					}
					types = uris = suites = enabled = ""; cur = ""
				}
				/^#/ { next }
				/^[ \t]*$/ { flush(); next }
				/^[ \t]/ {
					if (cur == "uris") uris = uris " " $0
					else if (cur == "suites") suites = suites " " $0
					else if (cur == "types") types = types " " $0
					next
				}
				{
					k = tolower(substr($0, 1, index($0, ":") - 1)); v = substr($0, index($0, ":") + 1)
					cur = k
					if (k == "types") types = v
					else if (k == "uris") uris = v
					else if (k == "suites") suites = v
					else if (k == "enabled") enabled = v
				}
				END { flush() }
			' "$f"
		done
	} | awk '{ sub(/\/+$/, "", $1); print $1, $2 }'
}

# hz_debian_mirror: the Debian archive URI of this machine (the source of its
# own release suite), or $HAZMAT_DEBIAN_MIRROR. Empty when none is found.
hz_debian_mirror() {
	if [ -n "${HAZMAT_DEBIAN_MIRROR:-}" ]; then
		printf '%s' "${HAZMAT_DEBIAN_MIRROR%/}"
		return 0
	fi
	[ "$(hz_os_field ID)" = debian ] || return 0
	local codename
	codename=$(hz_os_field VERSION_CODENAME)
	[ -n "$codename" ] || return 0
	hz_apt_entries | awk -v c="$codename" '
		$1 ~ /^(https?|ftp):\/\// && ($2 == c || $2 == c "-updates") { print $1; exit }'
}

# hz_debian_security_mirror: the URI of this machine's Debian security source, or
# $HAZMAT_DEBIAN_SECURITY_MIRROR. Empty when none is found.
hz_debian_security_mirror() {
	if [ -n "${HAZMAT_DEBIAN_SECURITY_MIRROR:-}" ]; then
		printf '%s' "${HAZMAT_DEBIAN_SECURITY_MIRROR%/}"
		return 0
	fi
	[ "$(hz_os_field ID)" = debian ] || return 0
	local codename
	codename=$(hz_os_field VERSION_CODENAME)
	[ -n "$codename" ] || return 0
	hz_apt_entries | awk -v c="$codename" '
		$1 ~ /^(https?|ftp):\/\// && $2 == c "-security" { print $1; exit }'
}

# hz_no_mirror_advice: explain how to name a mirror when none could be derived.
hz_no_mirror_advice() {
	hz_die "found no Debian archive in this machine's apt sources (/etc/apt/sources.list, /etc/apt/sources.list.d/); set HAZMAT_DEBIAN_MIRROR to the URL of a Debian archive mirror (the folder that holds dists/ and pool/)"
}

# hz_system_candidate PKG: true when the system's apt knows a version of PKG.
hz_system_candidate() {
	local cand
	cand=$(apt-cache policy "$1" 2>/dev/null | awk '$1 == "Candidate:" { print $2; exit }')
	[ -n "$cand" ] && [ "$cand" != "(none)" ]
}

# --- private apt -----------------------------------------------------------

# HZ_PAPT_DIR is the private apt folder; hz_papt_init sets it up.
HZ_PAPT_DIR=

# hz_papt_init DIR KEYRING "URI SUITE" ...: write a private sources list with
# one 'deb ... main' line for each "URI SUITE" pair, all signed by KEYRING.
hz_papt_init() {
	local dir=$1 keyring=$2 arch entry
	shift 2
	HZ_PAPT_DIR=$dir
	mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial" "$dir/empty"
	arch=$(dpkg --print-architecture)
	: >"$dir/sources.list.new"
	for entry in "$@"; do
		printf 'deb [arch=%s signed-by=%s target=Packages] %s %s main\n' \
			"$arch" "$keyring" "${entry% *}" "${entry##* }" >>"$dir/sources.list.new"
	done
	if cmp -s "$dir/sources.list.new" "$dir/sources.list"; then
		rm -f "$dir/sources.list.new"
	else
		mv -f "$dir/sources.list.new" "$dir/sources.list"
		rm -f "$dir/updated"
	fi
}

# hz_papt ARGS...: apt-get with the private configuration (output to the log).
hz_papt() {
	local cmd=apt-get
	if [ "${1:-}" = --cache ]; then
		cmd=apt-cache
		shift
	fi
	"$cmd" \
		-o Dir::Etc::SourceList="$HZ_PAPT_DIR/sources.list" \
		-o Dir::Etc::SourceParts="$HZ_PAPT_DIR/empty" \
		-o Dir::Etc::Preferences=/dev/null \
		-o Dir::Etc::PreferencesParts="$HZ_PAPT_DIR/empty" \
		-o Dir::State::Lists="$HZ_PAPT_DIR/lists" \
		-o Dir::Cache="$HZ_PAPT_DIR/cache" \
		-o Acquire::Languages=none \
		-o APT::Sandbox::User="$(id -un)" \
		-q "$@"
}

# hz_papt_update: refresh the private package lists (once a day at most).
# Returns 2 when the archive's signature could not be checked.
hz_papt_update() {
	local stamp="$HZ_PAPT_DIR/updated" log="$HZ_PAPT_DIR/update.log"
	if [ -e "$stamp" ] && [ -z "$(find "$stamp" -mmin +1440 2>/dev/null)" ]; then
		return 0
	fi
	if hz_papt update >"$log" 2>&1 && ! grep -qE '^(W|E): .*(NO_PUBKEY|not signed|EXPKEYSIG|signatures? (couldn.t|were invalid))' "$log"; then
		touch "$stamp"
		return 0
	fi
	if grep -qE 'NO_PUBKEY|not signed|EXPKEYSIG|signatures? (couldn.t|were invalid)|is not signed' "$log"; then
		return 2
	fi
	return 1
}

# hz_download_deb PKG DEST: download PKG's .deb into DEST (already created).
# Uses the private configuration when HZ_PAPT_DIR is set, else the system's.
hz_download_deb() {
	local pkg=$1 dest=$2 log
	log="$dest/download.log"
	rm -f "$dest/${pkg}"_*.deb
	if [ -n "$HZ_PAPT_DIR" ]; then
		if ! (cd "$dest" && hz_papt download "$pkg") >"$log" 2>&1; then
			# The lists may be older than the archive: refresh them once.
			rm -f "$HZ_PAPT_DIR/updated"
			hz_papt_update || true
			(cd "$dest" && hz_papt download "$pkg") >"$log" 2>&1 || {
				hz_show_log "$log"
				hz_die "could not download $pkg"
			}
		fi
	else
		(cd "$dest" && apt-get -q -o APT::Sandbox::User="$(id -un)" download "$pkg") >"$log" 2>&1 || {
			hz_show_log "$log"
			hz_die "could not download $pkg"
		}
	fi
	# shellcheck disable=SC2012
	ls "$dest/${pkg}"_*.deb 2>/dev/null | head -n 1
}

# hz_fetch_keyring DIR: when the system's keyring does not know a suite's key,
# take the debian-archive-keyring package of the machine's own release (checked
# with the system's keyring) and return the path of its keyring file.
hz_fetch_keyring() {
	local dir=$1 mirror codename deb saved_papt=$HZ_PAPT_DIR
	mkdir -p "$dir"
	if [ "${HAZMAT_APT_PRIVATE:-0}" = 1 ] || ! hz_system_candidate debian-archive-keyring; then
		mirror=$(hz_debian_mirror)
		codename=$(hz_os_field VERSION_CODENAME)
		if [ -z "$mirror" ] || [ -z "$codename" ]; then
			hz_no_mirror_advice
		fi
		hz_papt_init "$dir/apt" /usr/share/keyrings/debian-archive-keyring.gpg "$mirror $codename"
		hz_papt_update || {
			hz_show_log "$HZ_PAPT_DIR/update.log"
			hz_die "could not read the package lists of $codename"
		}
	else
		HZ_PAPT_DIR=
	fi
	deb=$(hz_download_deb debian-archive-keyring "$dir")
	HZ_PAPT_DIR=$saved_papt
	rm -rf "$dir/root"
	dpkg-deb -x "$deb" "$dir/root"
	[ -s "$dir/root/usr/share/keyrings/debian-archive-keyring.gpg" ] ||
		hz_die "the debian-archive-keyring package holds no keyring"
	printf '%s' "$dir/root/usr/share/keyrings/debian-archive-keyring.gpg"
}

# hz_quiet_refresh_args ARGS...: the options of the fetching scripts: -q
# (HZ_QUIET=1), --refresh (refresh=1) and -h (the calling script's header
# comment as help).
# shellcheck disable=SC2034 # refresh is read by the calling script
hz_quiet_refresh_args() {
	refresh=0
	while [ $# -gt 0 ]; do
		case $1 in
		-q | --quiet) HZ_QUIET=1 ;;
		--refresh) refresh=1 ;;
		-h | --help)
			sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[1]}"
			exit 0
			;;
		*) hz_die "unknown argument: $1 (see --help)" ;;
		esac
		shift
	done
}

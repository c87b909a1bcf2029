# bash completion for cutter: verbs, options and option values, from the tool itself.
# Install: source this file from ~/.bashrc (or copy it to /etc/bash_completion.d/cutter).
# It asks `cutter [suggest:N] "LINE"` (System.CommandLine's suggest directive) for the words that fit the line.
_cutter() {
    local line="${COMP_LINE#* }"                                # the line without the command name
    local point=$(( COMP_POINT - ${#COMP_LINE} + ${#line} ))    # the cursor within it
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "$(cutter "[suggest:${point}]" "${line}" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}") )
}
complete -o default -F _cutter cutter

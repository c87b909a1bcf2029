using System;

namespace Cutter.Analyzers.Detection
{
    /// <summary>Cheap facts about a literal's text: placeholder, identifier, path, SQL, entropy. No allocation on the hot path.</summary>
    internal static class ValueShape
    {
        private static readonly string[] PlaceholderMarkers =
        {
            "changeme", "change_me", "change-me", "example", "placeholder", "your_", "your-", "yourpassword", "yoursecret",
            "redacted", "dummy", "xxxx", "****", "....", "replace_me", "replace-me", "replaceme", "insert_", "fixme", "todo",
            "notasecret", "not-a-secret", "sample",
        };

        private static readonly string[] PlaceholderWords =
        {
            "password", "passwd", "secret", "token", "apikey", "api_key", "key", "none", "null", "empty", "test", "pass", "admin",
            "default", "unset", "tbd", "n/a", "na", "value", "hidden",
        };

        private static readonly string[] SqlKeywords =
        {
            "select ", "insert ", "update ", "delete ", "create ", "alter ", "drop ", "grant ", "revoke ", "with ", "copy ",
            "truncate ", "begin", "commit", "set ", "do $$",
        };

        /// <summary>
        /// A stand-in rather than a value: <c>&lt;password&gt;</c>, <c>${VAR}</c>, <c>$(Var)</c>, <c>%VAR%</c>, <c>{{var}}</c>,
        /// "changeme", "example", a run of one repeated character, or a bare word such as "password".
        /// </summary>
        public static bool IsPlaceholder(string value)
        {
            var text = value.Trim().Trim('"', '\'');
            if (text.Length == 0)
            {
                return true;
            }
            if (text[0] == '<' && text[text.Length - 1] == '>')
            {
                return true;
            }
            if (text.IndexOf("${", StringComparison.Ordinal) >= 0 || text.IndexOf("{{", StringComparison.Ordinal) >= 0
                || text.StartsWith("$(", StringComparison.Ordinal)
                || (text[0] == '$' && text.Length > 1 && IsIdentifierLike(text.Substring(1)))
                || (text.Length > 2 && text[0] == '%' && text[text.Length - 1] == '%')
                || (text[0] == '{' && text[text.Length - 1] == '}'))
            {
                return true;
            }
            foreach (var marker in PlaceholderMarkers)
            {
                if (text.IndexOf(marker, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }
            var letters = StripNonLetters(text);
            foreach (var word in PlaceholderWords)
            {
                if (string.Equals(letters, StripNonLetters(word), StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
            return IsOneRepeatedCharacter(text);
        }

        /// <summary>Names and keys: <c>DOT_CUTTER_DB_PASSWORD</c>, <c>orchestrator:expected_host</c>, <c>X-Api-Key</c>, <c>Bearer</c>.</summary>
        public static bool IsIdentifierLike(string value)
        {
            var hasDigit = false;
            var hasLower = false;
            var hasUnderscore = false;
            foreach (var c in value)
            {
                if (char.IsDigit(c))
                {
                    hasDigit = true;
                }
                else if (char.IsLower(c))
                {
                    hasLower = true;
                }
                else if (c == '_')
                {
                    hasUnderscore = true;
                }
                else if (!(char.IsUpper(c) || c == '.' || c == ':' || c == '-' || c == '/'))
                {
                    return false;
                }
            }
            // Words without digits, an UPPER_SNAKE environment name that may carry a digit (DB_PASSWORD_2), or
            // separated words and small numbers ("SG_1_cut_authz", "phase-07-write-units", "cutter-db-password-v2").
            return !hasDigit || (!hasLower && hasUnderscore) || IsSeparatedWords(value);
        }

        private static bool IsSeparatedWords(string value)
        {
            var segments = value.Split('_', '-', '.', ':', '/');
            if (segments.Length < 2)
            {
                return false;
            }
            foreach (var segment in segments)
            {
                if (segment.Length > 0 && !SafeRegex.IsMatch(WordSegment, segment))
                {
                    return false;
                }
            }
            return true;
        }

        // A word (lower, Capitalised or UPPER) with at most a short number after it, or a short number alone.
        private static readonly System.Text.RegularExpressions.Regex WordSegment =
            SafeRegex.Compile("^(?:[A-Z]?[a-z]+[0-9]{0,3}|[A-Z]+[0-9]{0,3}|[0-9]{1,4})$");

        /// <summary>A file system path or URL: <c>/etc/cutter/env</c>, <c>./secrets.env</c>, <c>C:\keys</c>, <c>https://...</c>.</summary>
        public static bool IsPathOrUrl(string value)
        {
            if (value.IndexOf("://", StringComparison.Ordinal) >= 0 || value.IndexOf('\\') >= 0)
            {
                return true;
            }
            return value.StartsWith("/", StringComparison.Ordinal) || value.StartsWith("./", StringComparison.Ordinal)
                || value.StartsWith("../", StringComparison.Ordinal) || value.StartsWith("~/", StringComparison.Ordinal);
        }

        public static bool ContainsWhitespace(string value)
        {
            foreach (var c in value)
            {
                if (char.IsWhiteSpace(c))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Looks like SQL text: starts with (or contains, after a line break) a statement keyword.</summary>
        public static bool IsSqlText(string value)
        {
            var text = value.TrimStart();
            foreach (var keyword in SqlKeywords)
            {
                if (text.StartsWith(keyword, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>How many of lower case, upper case, digits and symbols the value mixes.</summary>
        public static int CharacterClasses(string value)
        {
            bool lower = false, upper = false, digit = false, symbol = false;
            foreach (var c in value)
            {
                if (char.IsLower(c)) lower = true;
                else if (char.IsUpper(c)) upper = true;
                else if (char.IsDigit(c)) digit = true;
                else symbol = true;
            }
            return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
        }

        /// <summary>Shannon entropy in bits per character.</summary>
        public static double Entropy(string value)
        {
            if (value.Length == 0)
            {
                return 0;
            }
            var counts = new int[128];
            var other = 0;
            foreach (var c in value)
            {
                if (c < 128) counts[c]++;
                else other++;
            }
            double entropy = 0;
            foreach (var count in counts)
            {
                entropy += Term(count, value.Length);
            }
            return entropy + Term(other, value.Length);
        }

        private static double Term(int count, int length)
        {
            if (count == 0)
            {
                return 0;
            }
            var p = (double)count / length;
            return -p * Math.Log(p, 2);
        }

        private static bool IsOneRepeatedCharacter(string text)
        {
            foreach (var c in text)
            {
                if (c != text[0])
                {
                    return false;
                }
            }
            return true;
        }

        private static string StripNonLetters(string text)
        {
            var chars = new char[text.Length];
            var n = 0;
            foreach (var c in text)
            {
                if (char.IsLetter(c))
                {
                    chars[n++] = c;
                }
            }
            return new string(chars, 0, n);
        }
    }
}

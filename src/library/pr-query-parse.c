/* pr-query-parse.c: the search language read into a tree: warnings, tokens,
 * the term cap, short prefixes, the tree and the parser */
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "pr-facts.h"
#include "pr-query-private.h"
#include "pr-ticker.h"

/* ---- warnings -------------------------------------------------------- */

/* Adds a warning for the user (translated by the caller) to @warnings,
 * unless @warnings is NULL. */
static void
add_warning (GPtrArray  *warnings,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static void
add_warning (GPtrArray  *warnings,
             const char *format,
             ...)
{
  va_list args;

  if (warnings == NULL)
    return;
  va_start (args, format);
  g_ptr_array_add (warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

/* ---- tokens ---------------------------------------------------------- */

typedef enum {
  TOK_WORD,
  TOK_PHRASE,
  TOK_FILTER,
  TOK_LPAREN,
  TOK_RPAREN,
  TOK_AND,
  TOK_OR,
  TOK_NOT,
} TokenKind;

typedef struct {
  TokenKind kind;
  char *text;       /* WORD, PHRASE: the words; FILTER: the value */
  char *field;      /* FILTER: the field, lower case */
  gboolean prefix;  /* WORD, PHRASE, FILTER: ended with '*' */
} Token;

static void
token_free (Token *token)
{
  g_free (token->text);
  g_free (token->field);
  g_free (token);
}

static Token *
token_new (TokenKind   kind,
           const char *text,
           gssize      length)
{
  Token *token = g_new0 (Token, 1);

  token->kind = kind;
  if (text != NULL)
    token->text = g_strndup (text, length < 0 ? strlen (text) : (gsize) length);
  return token;
}

static const char * const known_fields[] = {
  "source", "org", "person", "place", "lang", "is", "after", "before", "feed",
  "issuer", "kind", "ticker", NULL,
};

static gboolean
is_space (const char *p)
{
  return g_unichar_isspace (g_utf8_get_char (p));
}

static gboolean
is_alpha_word (const char *p,
               gsize       length)
{
  if (length == 0)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalpha (p[i]))
      return FALSE;
  return TRUE;
}

/* Splits @text into tokens. Returns FALSE when the text is malformed at
 * the token level (an unbalanced quote). In @lenient mode quotes and
 * parentheses are white space, operators are words and nothing fails:
 * that is the plain-terms fallback. */
static gboolean
tokenize (const char  *text,
          gboolean     lenient,
          GPtrArray   *tokens,
          GPtrArray   *warnings)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *start;
      Token *token;

      if (is_space (p) || (lenient && (*p == '"' || *p == '(' || *p == ')')))
        {
          p = g_utf8_next_char (p);
          continue;
        }

      if (*p == '(' || *p == ')')
        {
          g_ptr_array_add (tokens, token_new (*p == '(' ? TOK_LPAREN : TOK_RPAREN, NULL, 0));
          p++;
          continue;
        }

      if (*p == '"')
        {
          const char *end = strchr (p + 1, '"');

          if (end == NULL)
            return FALSE;
          token = token_new (TOK_PHRASE, p + 1, end - (p + 1));
          p = end + 1;
          if (*p == '*')
            {
              token->prefix = TRUE;
              p++;
            }
          g_ptr_array_add (tokens, token);
          continue;
        }

      /* A leading '-' negates what follows it directly. */
      if (!lenient && *p == '-' && p[1] != '\0' && !is_space (p + 1) && p[1] != '-')
        {
          g_ptr_array_add (tokens, token_new (TOK_NOT, NULL, 0));
          p++;
          continue;
        }

      /* A bare token runs to white space, a parenthesis or a quote. */
      start = p;
      while (*p != '\0' && !is_space (p) && *p != '(' && *p != ')' && *p != '"')
        p = g_utf8_next_char (p);

      {
        gsize length = p - start;
        const char *colon = memchr (start, ':', length);

        if (!lenient && length == 3 && strncmp (start, "AND", 3) == 0)
          {
            g_ptr_array_add (tokens, token_new (TOK_AND, NULL, 0));
            continue;
          }
        if (!lenient && length == 2 && strncmp (start, "OR", 2) == 0)
          {
            g_ptr_array_add (tokens, token_new (TOK_OR, NULL, 0));
            continue;
          }
        if (!lenient && length == 3 && strncmp (start, "NOT", 3) == 0)
          {
            g_ptr_array_add (tokens, token_new (TOK_NOT, NULL, 0));
            continue;
          }

        /* field:value, field:"a value", or field: "a value" is not. */
        if (colon != NULL && is_alpha_word (start, colon - start) &&
            strncmp (colon + 1, "//", 2) != 0)
          {
            g_autofree char *field = g_ascii_strdown (start, colon - start);
            const char *value = colon + 1;
            gsize value_length = p - value;
            gboolean quoted = FALSE;

            if (value_length == 0 && *p == '"')
              {
                const char *end = strchr (p + 1, '"');

                if (end == NULL)
                  {
                    if (!lenient)
                      return FALSE;
                    end = p + strlen (p);
                  }
                value = p + 1;
                value_length = end - value;
                p = *end != '\0' ? end + 1 : end;
                quoted = TRUE;
              }

            if (g_strv_contains (known_fields, field))
              {
                token = token_new (TOK_FILTER, value, value_length);
                token->field = g_steal_pointer (&field);
                if (!quoted && g_str_has_suffix (token->text, "*"))
                  {
                    token->text[strlen (token->text) - 1] = '\0';
                    token->prefix = TRUE;
                  }
                else if (quoted && *p == '*')
                  {
                    token->prefix = TRUE;
                    p++;
                  }
                g_ptr_array_add (tokens, token);
                continue;
              }

            /* Translators: a search warning; %s is what was typed before a
             * colon, such as “colour” in “colour:red”, searched for as words
             * since it is no filter. */
            add_warning (warnings, _("Unknown filter “%s:”, searched as words"), field);
            token = token_new (TOK_WORD, start, p - start);
            g_ptr_array_add (tokens, token);
            continue;
          }

        token = token_new (TOK_WORD, start, length);
        if (length > 1 && start[length - 1] == '*')
          {
            token->text[length - 1] = '\0';
            token->prefix = TRUE;
          }
        g_ptr_array_add (tokens, token);
      }
    }

  return TRUE;
}

/* ---- the term cap ---------------------------------------------------- */

/* Each term costs SQLite a look-up, and terms under OR all of theirs: on
 * 100,000 releases 32 words take 4 ms ANDed and 120 ms ORed, 1,000 words
 * 150 ms and 10 s, 5,000 ANDed 0.5 s and 250 MB. Words past the cap
 * (phrase words and filters count as terms) are left out with a warning. */
#define MAX_QUERY_TERMS 32

/* The words of a phrase, or 1. */
static guint
token_weight (Token *token)
{
  guint words = 0;
  gboolean in_word = FALSE;

  if (token->kind == TOK_FILTER || token->kind == TOK_WORD)
    return 1;
  if (token->kind != TOK_PHRASE)
    return 0;
  for (const char *p = token->text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gboolean space = is_space (p);

      if (!space && !in_word)
        words++;
      in_word = !space;
    }
  return MAX (words, 1);
}

/* Keeps the first MAX_QUERY_TERMS terms of @tokens: a phrase that crosses
 * the cap keeps its first words, what follows is dropped, and the tail is
 * made whole again (no operator left dangling, parentheses closed). */
static void
cap_terms (GPtrArray *tokens,
           GPtrArray *warnings)
{
  guint terms = 0, dropped = 0, cut = tokens->len;
  int depth = 0;
  g_autofree char *first_dropped = NULL;

  for (guint i = 0; i < tokens->len; i++)
    {
      Token *token = g_ptr_array_index (tokens, i);
      guint weight = token_weight (token);

      if (cut < tokens->len)
        {
          dropped += weight;
          continue;
        }
      if (terms + weight <= MAX_QUERY_TERMS)
        {
          terms += weight;
          continue;
        }

      /* The cap falls here. */
      cut = i + 1;
      if (token->kind == TOK_PHRASE && terms < MAX_QUERY_TERMS)
        {
          /* Its first words; the rest of it is dropped. */
          guint keep = MAX_QUERY_TERMS - terms, words = 0;
          gboolean in_word = FALSE;

          for (char *p = token->text; *p != '\0'; p = g_utf8_next_char (p))
            {
              gboolean space = is_space (p);

              if (!space && !in_word && ++words > keep)
                {
                  first_dropped = g_strdup (p);
                  g_strchomp (first_dropped);
                  *p = '\0';
                  break;
                }
              in_word = !space;
            }
          g_strchomp (token->text);
          token->prefix = FALSE;
          dropped += weight - keep;
          terms = MAX_QUERY_TERMS;
        }
      else
        {
          cut = i;
          dropped += weight;
          first_dropped = token->kind == TOK_FILTER
                          ? g_strdup_printf ("%s:%s", token->field, token->text)
                          : g_strdup (token->text);
        }
    }
  if (dropped == 0)
    return;

  g_ptr_array_set_size (tokens, cut);
  /* No operator or open parenthesis left at the end. */
  while (tokens->len > 0)
    {
      Token *last = g_ptr_array_index (tokens, tokens->len - 1);

      if (last->kind != TOK_AND && last->kind != TOK_OR && last->kind != TOK_NOT &&
          last->kind != TOK_LPAREN)
        break;
      g_ptr_array_set_size (tokens, tokens->len - 1);
    }
  for (guint i = 0; i < tokens->len; i++)
    {
      Token *token = g_ptr_array_index (tokens, i);

      depth += token->kind == TOK_LPAREN ? 1 : token->kind == TOK_RPAREN ? -1 : 0;
    }
  for (; depth > 0; depth--)
    g_ptr_array_add (tokens, token_new (TOK_RPAREN, NULL, 0));

  if (warnings != NULL)
    {
      g_autofree char *shown = g_utf8_substring (first_dropped, 0,
                                                 MIN (g_utf8_strlen (first_dropped, -1), 40));

      if (dropped == 1)
        /* Translators: a search warning; both %d are the most words and
         * filters a search takes (32), %s is the first one left out. */
        add_warning (warnings, _("More than %d terms: only the first %d were searched; "
                                 "“%s” left out"),
                     MAX_QUERY_TERMS, MAX_QUERY_TERMS, shown);
      else
        /* Translators: a search warning; both %d are the most words and
         * filters a search takes (32), %s is the first one left out and %u
         * the number of those left out after it. */
        add_warning (warnings, g_dngettext (GETTEXT_PACKAGE, "More than %d terms: only the first %d "
                                            "were searched; “%s” and %u more left out",
                                            "More than %d terms: only the first %d "
                                            "were searched; “%s” and %u more left out",
                                            dropped - 1),
                     MAX_QUERY_TERMS, MAX_QUERY_TERMS, shown, dropped - 1);
    }
}

/* ---- short prefixes -------------------------------------------------- */

/* A prefix of one or two letters matches most of a library and makes FTS5
 * merge the lists of thousands of words: "a*" took 3 s and "ve*" 2 s at
 * 100,000 releases, three letters 0.2–0.3 s. Shorter prefixes are searched
 * as words, with a warning. Chinese and Japanese text is not cut into
 * words, so its "prefixes" are substrings already and stay as they are. */
#define MIN_PREFIX_CHARS 3

static void
short_prefixes (GPtrArray *tokens,
                GPtrArray *warnings)
{
  for (guint i = 0; i < tokens->len; i++)
    {
      Token *token = g_ptr_array_index (tokens, i);

      if (!token->prefix || token->kind != TOK_WORD ||
          g_utf8_strlen (token->text, -1) >= MIN_PREFIX_CHARS || pr_text_has_cjk (token->text))
        continue;
      token->prefix = FALSE;
      /* Translators: a search warning; %s is a word typed with “*” after
       * it, to find the words that begin with it, and %d the fewest
       * letters such a beginning must have (3). */
      add_warning (warnings, g_dngettext (GETTEXT_PACKAGE, "“%s*” is too short to search as a "
                                          "beginning (%d letter at least): searched as a word",
                                          "“%s*” is too short to search as a "
                                          "beginning (%d letters at least): searched as a word",
                                          MIN_PREFIX_CHARS),
                   token->text, MIN_PREFIX_CHARS);
    }
}

/* ---- the tree -------------------------------------------------------- */

void
pr_query_parse_free_node (Node *node)
{
  if (node == NULL)
    return;
  g_free (node->text);
  g_free (node->term);
  g_clear_pointer (&node->params, g_ptr_array_unref);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node);
}

static Node *
node_new (NodeKind kind)
{
  Node *node = g_new0 (Node, 1);

  node->kind = kind;
  if (kind == NODE_AND || kind == NODE_OR || kind == NODE_NOT)
    node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_query_parse_free_node);
  if (kind == NODE_SQL)
    node->params = g_ptr_array_new_with_free_func (g_free);
  return node;
}

/* Builds AND/OR of @children, dropping NULLs; NULL when none is left. */
static Node *
node_group (NodeKind   kind,
            GPtrArray *children)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  Node *node;

  for (guint i = 0; i < children->len; i++)
    if (g_ptr_array_index (children, i) != NULL)
      g_ptr_array_add (kept, g_ptr_array_index (children, i));

  if (kept->len == 0)
    return NULL;
  if (kept->len == 1)
    return g_ptr_array_index (kept, 0);

  node = node_new (kind);
  for (guint i = 0; i < kept->len; i++)
    g_ptr_array_add (node->children, g_ptr_array_index (kept, i));
  return node;
}

static Node *
node_not (Node *child)
{
  Node *node;

  if (child == NULL)
    return NULL;
  node = node_new (NODE_NOT);
  g_ptr_array_add (node->children, child);
  return node;
}

static gboolean
has_alnum (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static Node *
node_sql (const char *sql,
          gboolean    uses_state)
{
  Node *node = node_new (NODE_SQL);

  node->text = g_strdup (sql);
  node->uses_state = uses_state;
  return node;
}

/* Releases linked to an entity of @kind (pr-store-private.h) that meets
 * @condition over "e" (its values bound later, as params). */
static Node *
node_entity (int         kind,
             const char *condition)
{
  g_autofree char *sql = g_strdup_printf ("r.id IN (SELECT re.release_id FROM entities AS e"
                                          " JOIN release_entities AS re ON re.entity_id = e.id"
                                          " WHERE e.kind = %d AND %s)", kind, condition);

  return node_sql (sql, FALSE);
}

static Node *
node_cjk (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  Node *node;

  if (!has_alnum (trimmed))
    return NULL;

  node = node_new (NODE_CJK);
  node->text = g_strdup (trimmed);
  node->term = g_strdup (trimmed);
  return node;
}

/* Words (or a phrase), optionally only in @column, optionally a prefix. */
static Node *
node_term (const char *text,
           const char *column,
           gboolean    prefix)
{
  GString *fts;
  Node *node;

  if (text == NULL || !has_alnum (text))
    return NULL;
  if (pr_text_has_cjk (text))
    return node_cjk (text);

  fts = g_string_new (NULL);
  if (column != NULL)
    g_string_append_printf (fts, "{%s} : ", column);
  pr_query_sql_append_fts_string (fts, text);
  if (prefix)
    g_string_append (fts, " *");

  node = node_new (NODE_TERM);
  node->text = g_string_free (fts, FALSE);
  /* A prefix keeps its '*' here, for snippets (pr_snippet_find()). */
  node->term = prefix ? g_strconcat (text, "*", NULL) : g_strdup (text);
  return node;
}

/* A date for after:/before:, as a bound for string comparison with the
 * stored YYYY-MM-DD. */
static char *
date_bound (const char *value,
            gboolean    upper)
{
  int y = 0, m = 0, d = 0;
  char tail = 0;
  int n = sscanf (value, "%4d-%2d-%2d%c", &y, &m, &d, &tail);
  gsize length = strlen (value);

  if (n == 1 && length == 4 && y >= 1000)
    return upper ? g_strdup_printf ("%04d-99-99", y) : g_strdup_printf ("%04d", y);
  if (n == 2 && length == 7 && m >= 1 && m <= 12)
    return upper ? g_strdup_printf ("%04d-%02d-99", y, m) : g_strdup_printf ("%04d-%02d", y, m);
  if (n == 3 && length == 10 && y >= 1000 && g_date_valid_dmy (d, m, y))
    return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
  return NULL;
}

static Node *
node_filter (Token     *token,
             GPtrArray *warnings)
{
  const char *field = token->field;
  g_autofree char *value = g_strstrip (g_strdup (token->text));
  Node *node;

  if (*value == '\0')
    {
      /* Translators: a search warning; %s is a filter's name, such as
       * “source” in a “source:” with nothing after the colon. */
      add_warning (warnings, _("Empty filter “%s:” ignored"), field);
      return NULL;
    }

  if (g_str_equal (field, "source"))
    {
      g_autofree char *key = pr_normalize_key (value);

      if (*key == '\0')
        return NULL;
      node = node_sql ("(r.source_norm >= ? AND r.source_norm < ?)", FALSE);
      g_ptr_array_add (node->params, g_strdup (key));
      g_ptr_array_add (node->params, g_strconcat (key, "\xff", NULL));
      return node;
    }

  if (g_str_equal (field, "org") || g_str_equal (field, "person"))
    {
      gboolean org = g_str_equal (field, "org");

      if (pr_text_has_cjk (value))
        {
          node = node_sql ("r.id IN (SELECT re.release_id FROM release_entities AS re "
                           "JOIN entities AS e ON e.id = re.entity_id "
                           "WHERE e.kind = ? AND instr (e.name, ?) > 0)", FALSE);
          g_ptr_array_add (node->params, g_strdup (org ? "0" : "1"));
          g_ptr_array_add (node->params, g_strdup (value));
          return node;
        }
      return node_term (value, org ? "organizations" : "people", token->prefix);
    }

  if (g_str_equal (field, "issuer"))
    {
      /* Any part of the issuer's name, cases, accents and spaces aside. */
      g_autofree char *key = pr_normalize_key (value);

      if (*key == '\0')
        return NULL;
      node = node_entity (4, "instr (e.norm, ?) > 0");
      g_ptr_array_add (node->params, g_steal_pointer (&key));
      return node;
    }

  if (g_str_equal (field, "kind"))
    {
      g_autofree char *kind = g_ascii_strdown (value, -1);

      if (!g_strv_contains (pr_facts_kinds (), kind))
        {
          g_autofree char *kinds = g_strjoinv (", ", (char **) pr_facts_kinds ());

          /* Translators: a search warning; the first %s is what was typed
           * after “kind:”, the second the kinds it understands, which stay
           * in English (earnings, deal, product…). */
          add_warning (warnings, _("Unknown kind “%s” ignored (%s)"), value, kinds);
          return NULL;
        }
      node = node_entity (5, "e.norm = ?");
      g_ptr_array_add (node->params, g_steal_pointer (&kind));
      return node;
    }

  if (g_str_equal (field, "ticker"))
    {
      /* "FNSR" finds it on any exchange, "nasdaq:fnsr" on that one. */
      const char *colon = strrchr (value, ':');
      g_autofree char *symbol = g_ascii_strup (colon != NULL ? colon + 1 : value, -1);
      g_autofree char *written = colon != NULL ? g_strndup (value, colon - value) : NULL;
      const char *exchange = written != NULL ? pr_ticker_exchange (written) : NULL;

      if (*symbol == '\0')
        return NULL;
      if (written != NULL && g_ascii_strcasecmp (written, "ISIN") == 0)
        exchange = "ISIN";
      if (exchange != NULL)
        {
          node = node_entity (6, "e.name = ?");
          g_ptr_array_add (node->params, g_strconcat (exchange, ":", symbol, NULL));
          return node;
        }
      node = node_entity (6, "substr (e.name, instr (e.name, ':') + 1) = ?");
      g_ptr_array_add (node->params, g_steal_pointer (&symbol));
      return node;
    }

  if (g_str_equal (field, "place"))
    {
      if (pr_text_has_cjk (value))
        {
          node = node_sql ("(instr (r.dateline, ?) > 0 OR instr (r.city, ?) > 0)", FALSE);
          g_ptr_array_add (node->params, g_strdup (value));
          g_ptr_array_add (node->params, g_strdup (value));
          return node;
        }
      return node_term (value, "dateline", token->prefix);
    }

  if (g_str_equal (field, "lang"))
    {
      g_autofree char *lang = g_ascii_strdown (value, -1);

      /* The language and its regional forms (en, en-gb) as one range of
       * releases_by_language, from "en" to "en-\xff"; the last test, on
       * the index too, leaves out what a catalog may have written between
       * them ("en, fr", "en (us)"). */
      node = node_sql ("(r.language >= ? AND r.language < ? AND (r.language = ? OR r.language >= ?))",
                       FALSE);
      g_ptr_array_add (node->params, g_strdup (lang));
      g_ptr_array_add (node->params, g_strconcat (lang, "-\xff", NULL));
      g_ptr_array_add (node->params, g_strdup (lang));
      g_ptr_array_add (node->params, g_strconcat (lang, "-", NULL));
      return node;
    }

  if (g_str_equal (field, "feed"))
    {
      char *end = NULL;
      gint64 id = g_ascii_strtoll (value, &end, 10);

      /* A number is the feed's id, anything else its address or a part
       * of its title (any case). */
      if (end != NULL && *end == '\0' && id > 0)
        {
          node = node_sql ("r.id IN (SELECT fi.release_id FROM feed_items AS fi"
                           " WHERE fi.feed_id = ?)", FALSE);
          g_ptr_array_add (node->params, g_strdup (value));
          return node;
        }
      node = node_sql ("r.id IN (SELECT fi.release_id FROM feed_items AS fi"
                       " JOIN feeds AS f ON f.id = fi.feed_id"
                       " WHERE f.url = ? OR instr (lower (f.title), lower (?)) > 0)", FALSE);
      g_ptr_array_add (node->params, g_strdup (value));
      g_ptr_array_add (node->params, g_strdup (value));
      return node;
    }

  if (g_str_equal (field, "is"))
    {
      g_autofree char *what = g_ascii_strdown (value, -1);

      if (g_str_equal (what, "unread"))
        return node_sql (SQL_UNREAD, TRUE);
      if (g_str_equal (what, "read"))
        return node_sql ("NOT " SQL_UNREAD, TRUE);
      if (g_str_equal (what, "bookmarked"))
        return node_sql ("r.bookmarked = 1", TRUE);
      /* Translators: a search warning; %s is what was typed after “is:”.
       * “is:” and the filters in parentheses stay as they are: they are
       * what the search understands. */
      add_warning (warnings, _("Unknown filter “is:%s” ignored (is:unread, is:read, is:bookmarked)"),
                   value);
      return NULL;
    }

  if (g_str_equal (field, "after") || g_str_equal (field, "before"))
    {
      gboolean before = g_str_equal (field, "before");
      g_autofree char *bound = date_bound (value, before);

      if (bound == NULL)
        {
          /* Translators: a search warning; “%s:%s” is a filter as it was
           * typed, such as “after:2024-13-01”. YYYY-MM-DD stands for the
           * form of the dates the search reads: year, month and day in
           * digits, such as 2024-05-09. */
          add_warning (warnings, _("Invalid date in “%s:%s” ignored (use YYYY-MM-DD)"), field, value);
          return NULL;
        }
      node = node_sql (before ? "(r.date <> '' AND r.date <= ?)" : "r.date >= ?", FALSE);
      g_ptr_array_add (node->params, g_steal_pointer (&bound));
      return node;
    }

  g_assert_not_reached ();
  return NULL;
}

/* ---- the parser ------------------------------------------------------ */

typedef struct {
  GPtrArray *tokens;
  guint pos;
  GPtrArray *warnings;
  gboolean error;
  guint depth;              /* parentheses open */
} Parser;

/* Deeper nesting is malformed: SQLite's FTS5 parser overflows near 32
 * levels, and each level recurses here (a pasted text of 200,000 "("
 * would overflow the stack). */
#define MAX_QUERY_DEPTH 16

static Token *
peek (Parser *parser)
{
  if (parser->pos >= parser->tokens->len)
    return NULL;
  return g_ptr_array_index (parser->tokens, parser->pos);
}

static Node *parse_or (Parser *parser);

static Node *
parse_unary (Parser *parser)
{
  Token *token = peek (parser);

  if (token == NULL)
    {
      parser->error = TRUE;
      return NULL;
    }

  parser->pos++;
  switch (token->kind)
    {
    case TOK_NOT:
      {
        Token *next = peek (parser);

        /* A lone NOT, or NOT before an operator, is malformed. */
        if (next == NULL || next->kind == TOK_OR || next->kind == TOK_AND ||
            next->kind == TOK_RPAREN || next->kind == TOK_NOT)
          {
            parser->error = TRUE;
            return NULL;
          }
        return node_not (parse_unary (parser));
      }
    case TOK_LPAREN:
      {
        Node *inner;
        Token *close;

        if ((peek (parser) != NULL && peek (parser)->kind == TOK_RPAREN) ||
            parser->depth >= MAX_QUERY_DEPTH)
          {
            parser->error = TRUE;
            return NULL;
          }
        parser->depth++;
        inner = parse_or (parser);
        parser->depth--;
        if (parser->error)
          return NULL;
        close = peek (parser);
        if (close == NULL || close->kind != TOK_RPAREN)
          {
            parser->error = TRUE;
            pr_query_parse_free_node (inner);
            return NULL;
          }
        parser->pos++;
        return inner;
      }
    case TOK_WORD:
    case TOK_PHRASE:
      return node_term (token->text, NULL, token->prefix);
    case TOK_FILTER:
      return node_filter (token, parser->warnings);
    case TOK_RPAREN:
    case TOK_AND:
    case TOK_OR:
    default:
      parser->error = TRUE;
      return NULL;
    }
}

static Node *
parse_and (Parser *parser)
{
  g_autoptr(GPtrArray) children = g_ptr_array_new ();

  for (;;)
    {
      Token *token = peek (parser);

      if (token == NULL || token->kind == TOK_OR || token->kind == TOK_RPAREN)
        break;
      if (token->kind == TOK_AND)
        {
          Token *next;

          parser->pos++;
          next = peek (parser);
          if (children->len == 0 || next == NULL || next->kind == TOK_OR ||
              next->kind == TOK_AND || next->kind == TOK_RPAREN)
            {
              parser->error = TRUE;
              break;
            }
          continue;
        }
      g_ptr_array_add (children, parse_unary (parser));
      if (parser->error)
        break;
    }

  if (children->len == 0)
    parser->error = TRUE;

  if (parser->error)
    {
      g_ptr_array_set_free_func (children, (GDestroyNotify) pr_query_parse_free_node);
      return NULL;
    }
  return node_group (NODE_AND, children);
}

static Node *
parse_or (Parser *parser)
{
  g_autoptr(GPtrArray) children = g_ptr_array_new ();
  gboolean any_null = FALSE;

  for (;;)
    {
      Node *child = parse_and (parser);

      if (parser->error)
        break;
      any_null |= child == NULL;
      g_ptr_array_add (children, child);
      if (peek (parser) == NULL || peek (parser)->kind != TOK_OR)
        break;
      parser->pos++;
    }

  if (parser->error)
    {
      g_ptr_array_set_free_func (children, (GDestroyNotify) pr_query_parse_free_node);
      return NULL;
    }

  /* "x OR <nothing searchable>" matches everything: drop the OR. */
  if (any_null && children->len > 1)
    {
      g_ptr_array_set_free_func (children, (GDestroyNotify) pr_query_parse_free_node);
      return NULL;
    }
  return node_group (NODE_OR, children);
}

Node *
pr_query_parse_text (const char *text,
                     GPtrArray  *warnings,
                     gboolean   *fell_back)
{
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func ((GDestroyNotify) token_free);
  g_autoptr(GPtrArray) strict_warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) children = NULL;
  Parser parser = { 0 };
  Node *root = NULL;

  *fell_back = FALSE;

  if (tokenize (text, FALSE, tokens, strict_warnings))
    {
      cap_terms (tokens, strict_warnings);
      short_prefixes (tokens, strict_warnings);
      parser.tokens = tokens;
      parser.warnings = strict_warnings;
      if (tokens->len > 0)
        root = parse_or (&parser);
      if (!parser.error && parser.pos == tokens->len)
        {
          for (guint i = 0; i < strict_warnings->len; i++)
            g_ptr_array_add (warnings, g_strdup (g_ptr_array_index (strict_warnings, i)));
          return root;
        }
      pr_query_parse_free_node (root);
      parser.error = TRUE;
    }

  /* Malformed: every word must match, and the filters still apply. */
  *fell_back = TRUE;
  g_ptr_array_set_size (tokens, 0);
  tokenize (text, TRUE, tokens, warnings);
  cap_terms (tokens, warnings);
  short_prefixes (tokens, warnings);
  /* Translators: a search warning: the quotes, parentheses, OR and NOT of
   * the search did not fit together, so each of its words was searched for. */
  add_warning (warnings, "%s", _("The query was not understood; searched for its words"));

  children = g_ptr_array_new ();
  for (guint i = 0; i < tokens->len; i++)
    {
      Token *token = g_ptr_array_index (tokens, i);

      if (token->kind == TOK_FILTER)
        g_ptr_array_add (children, node_filter (token, warnings));
      else
        g_ptr_array_add (children, node_term (token->text, NULL, token->prefix));
    }
  return node_group (NODE_AND, children);
}

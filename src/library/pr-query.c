/* pr-query.c: the library's search language, compiled to FTS5 and SQL
 *
 * The text is split into tokens, parsed into a tree (OR below AND below
 * NOT, parentheses, implicit AND) and compiled: the words under the
 * top-level AND become one FTS5 MATCH expression built only from quoted
 * strings, the rest becomes an SQL condition with bound parameters. */
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "pr-query.h"
#include "pr-query-private.h"
#include "pr-util.h"

G_DEFINE_ENUM_TYPE (PrSort, pr_sort,
  G_DEFINE_ENUM_VALUE (PR_SORT_DATE, "date"),
  G_DEFINE_ENUM_VALUE (PR_SORT_TITLE, "title"),
  G_DEFINE_ENUM_VALUE (PR_SORT_SOURCE, "source"),
  G_DEFINE_ENUM_VALUE (PR_SORT_RELEVANCE, "relevance"))

G_DEFINE_ENUM_TYPE (PrFilter, pr_filter,
  G_DEFINE_ENUM_VALUE (PR_FILTER_ALL, "all"),
  G_DEFINE_ENUM_VALUE (PR_FILTER_UNREAD, "unread"),
  G_DEFINE_ENUM_VALUE (PR_FILTER_BOOKMARKED, "bookmarked"))

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
  "source", "org", "person", "place", "lang", "is", "after", "before", NULL,
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

typedef enum {
  NODE_TERM,   /* an FTS5 expression: text */
  NODE_CJK,    /* a substring for the trigram index: text */
  NODE_SQL,    /* an SQL condition: text, params */
  NODE_AND,
  NODE_OR,
  NODE_NOT,
} NodeKind;

typedef struct _Node Node;
struct _Node {
  NodeKind kind;
  char *text;
  char *term;             /* TERM, CJK: the words, for highlighting */
  GPtrArray *params;      /* SQL: char* */
  gboolean uses_state;    /* SQL */
  GPtrArray *children;    /* AND, OR, NOT: Node */
};

static void
node_free (Node *node)
{
  if (node == NULL)
    return;
  g_free (node->text);
  g_free (node->term);
  g_clear_pointer (&node->params, g_ptr_array_unref);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Node, node_free)

static Node *
node_new (NodeKind kind)
{
  Node *node = g_new0 (Node, 1);

  node->kind = kind;
  if (kind == NODE_AND || kind == NODE_OR || kind == NODE_NOT)
    node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);
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

/* A string as an FTS5 quoted string: "..." with '"' doubled. */
static void
append_fts_string (GString    *out,
                   const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static char *
like_pattern (const char *text)
{
  GString *out = g_string_new ("%");

  for (const char *p = text; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '%');
  return g_string_free (out, FALSE);
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
  append_fts_string (fts, text);
  if (prefix)
    g_string_append (fts, " *");

  node = node_new (NODE_TERM);
  node->text = g_string_free (fts, FALSE);
  node->term = g_strdup (text);
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

      node = node_sql ("(r.language = ? OR (r.language >= ? AND r.language < ?))", FALSE);
      g_ptr_array_add (node->params, g_strdup (lang));
      g_ptr_array_add (node->params, g_strconcat (lang, "-", NULL));
      g_ptr_array_add (node->params, g_strconcat (lang, "-\xff", NULL));
      return node;
    }

  if (g_str_equal (field, "is"))
    {
      g_autofree char *what = g_ascii_strdown (value, -1);

      if (g_str_equal (what, "unread"))
        return node_sql ("r.read = 0", TRUE);
      if (g_str_equal (what, "read"))
        return node_sql ("r.read = 1", TRUE);
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
            node_free (inner);
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
      g_ptr_array_set_free_func (children, (GDestroyNotify) node_free);
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
      g_ptr_array_set_free_func (children, (GDestroyNotify) node_free);
      return NULL;
    }

  /* "x OR <nothing searchable>" matches everything: drop the OR. */
  if (any_null && children->len > 1)
    {
      g_ptr_array_set_free_func (children, (GDestroyNotify) node_free);
      return NULL;
    }
  return node_group (NODE_OR, children);
}

/* ---- compiling ------------------------------------------------------- */

static gboolean
node_is_fts (Node *node)
{
  gboolean positive = FALSE;

  switch (node->kind)
    {
    case NODE_TERM:
      return TRUE;
    case NODE_CJK:
    case NODE_SQL:
    case NODE_NOT:
      return FALSE;
    case NODE_AND:
      for (guint i = 0; i < node->children->len; i++)
        {
          Node *child = g_ptr_array_index (node->children, i);

          if (child->kind == NODE_NOT)
            {
              if (!node_is_fts (g_ptr_array_index (child->children, 0)))
                return FALSE;
            }
          else if (node_is_fts (child))
            positive = TRUE;
          else
            return FALSE;
        }
      return positive;
    case NODE_OR:
      for (guint i = 0; i < node->children->len; i++)
        if (!node_is_fts (g_ptr_array_index (node->children, i)))
          return FALSE;
      return TRUE;
    default:
      return FALSE;
    }
}

static void
append_fts (GString *out,
            Node    *node)
{
  gboolean first = TRUE;

  switch (node->kind)
    {
    case NODE_TERM:
      g_string_append (out, node->text);
      break;
    case NODE_OR:
      g_string_append_c (out, '(');
      for (guint i = 0; i < node->children->len; i++)
        {
          if (i > 0)
            g_string_append (out, " OR ");
          append_fts (out, g_ptr_array_index (node->children, i));
        }
      g_string_append_c (out, ')');
      break;
    case NODE_AND:
      g_string_append_c (out, '(');
      for (guint i = 0; i < node->children->len; i++)
        {
          Node *child = g_ptr_array_index (node->children, i);

          if (child->kind == NODE_NOT)
            continue;
          if (!first)
            g_string_append (out, " AND ");
          append_fts (out, child);
          first = FALSE;
        }
      for (guint i = 0; i < node->children->len; i++)
        {
          Node *child = g_ptr_array_index (node->children, i);

          if (child->kind != NODE_NOT)
            continue;
          g_string_append (out, " NOT ");
          append_fts (out, g_ptr_array_index (child->children, 0));
        }
      g_string_append_c (out, ')');
      break;
    case NODE_CJK:
    case NODE_SQL:
    case NODE_NOT:
    default:
      g_assert_not_reached ();
    }
}

static char *
node_fts (Node *node)
{
  GString *out = g_string_new (NULL);

  append_fts (out, node);
  return g_string_free (out, FALSE);
}

static void
append_sql (GString   *out,
            GPtrArray *params,
            gboolean  *uses_state,
            Node      *node)
{
  if (node_is_fts (node))
    {
      g_string_append (out, "r.id IN (SELECT rowid FROM release_fts WHERE release_fts MATCH ?)");
      g_ptr_array_add (params, node_fts (node));
      return;
    }

  switch (node->kind)
    {
    case NODE_CJK:
      if (g_utf8_strlen (node->text, -1) >= 3)
        {
          GString *phrase = g_string_new (NULL);

          append_fts_string (phrase, node->text);
          g_string_append (out, "r.id IN (SELECT rowid FROM release_cjk WHERE release_cjk MATCH ?)");
          g_ptr_array_add (params, g_string_free (phrase, FALSE));
        }
      else
        {
          g_string_append (out, "r.id IN (SELECT rowid FROM release_cjk WHERE text LIKE ? ESCAPE '\\')");
          g_ptr_array_add (params, like_pattern (node->text));
        }
      break;
    case NODE_SQL:
      g_string_append (out, node->text);
      for (guint i = 0; i < node->params->len; i++)
        g_ptr_array_add (params, g_strdup (g_ptr_array_index (node->params, i)));
      *uses_state |= node->uses_state;
      break;
    case NODE_NOT:
      g_string_append (out, "NOT ");
      append_sql (out, params, uses_state, g_ptr_array_index (node->children, 0));
      break;
    case NODE_AND:
    case NODE_OR:
      g_string_append_c (out, '(');
      for (guint i = 0; i < node->children->len; i++)
        {
          if (i > 0)
            g_string_append (out, node->kind == NODE_AND ? " AND " : " OR ");
          append_sql (out, params, uses_state, g_ptr_array_index (node->children, i));
        }
      g_string_append_c (out, ')');
      break;
    case NODE_TERM:
    default:
      g_assert_not_reached ();
    }
}

static void
collect_terms (Node      *node,
               gboolean   negated,
               GPtrArray *terms,
               gboolean  *has_cjk)
{
  if (node == NULL)
    return;

  switch (node->kind)
    {
    case NODE_TERM:
    case NODE_CJK:
      if (!negated && !g_ptr_array_find_with_equal_func (terms, node->term, g_str_equal, NULL))
        g_ptr_array_add (terms, g_strdup (node->term));
      if (!negated && node->kind == NODE_CJK)
        *has_cjk = TRUE;
      break;
    case NODE_NOT:
      collect_terms (g_ptr_array_index (node->children, 0), !negated, terms, has_cjk);
      break;
    case NODE_AND:
    case NODE_OR:
      for (guint i = 0; i < node->children->len; i++)
        collect_terms (g_ptr_array_index (node->children, i), negated, terms, has_cjk);
      break;
    case NODE_SQL:
    default:
      break;
    }
}

/* ---- the object ------------------------------------------------------ */

struct _PrQuery
{
  GObject parent_instance;

  char *text;
  char **warnings;
  char **terms;
  gboolean fell_back;
  gboolean has_cjk;

  /* Compiled for PR_FILTER_ALL. */
  char *match;
  char *where;
  GPtrArray *params;
  gboolean uses_state;
};

G_DEFINE_FINAL_TYPE (PrQuery, pr_query, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pr_query_finalize (GObject *object)
{
  PrQuery *self = PR_QUERY (object);

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->warnings, g_strfreev);
  g_clear_pointer (&self->terms, g_strfreev);
  g_clear_pointer (&self->match, g_free);
  g_clear_pointer (&self->where, g_free);
  g_clear_pointer (&self->params, g_ptr_array_unref);

  G_OBJECT_CLASS (pr_query_parent_class)->finalize (object);
}

static void
pr_query_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  PrQuery *self = PR_QUERY (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pr_query_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  PrQuery *self = PR_QUERY (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      self->text = g_strdup (g_value_get_string (value) != NULL ? g_value_get_string (value) : "");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static Node *
parse_text (const char *text,
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
      node_free (root);
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

static void
pr_query_constructed (GObject *object)
{
  PrQuery *self = PR_QUERY (object);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) positive = g_ptr_array_new ();
  g_autoptr(GPtrArray) negative = g_ptr_array_new ();
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  g_autoptr(Node) root = NULL;
  GString *where;

  G_OBJECT_CLASS (pr_query_parent_class)->constructed (object);

  if (self->text == NULL)
    self->text = g_strdup ("");

  root = parse_text (self->text, warnings, &self->fell_back);
  collect_terms (root, FALSE, terms, &self->has_cjk);

  /* The top-level conjuncts that are words go into one MATCH. */
  if (root != NULL)
    {
      if (root->kind == NODE_AND)
        for (guint i = 0; i < root->children->len; i++)
          {
            Node *child = g_ptr_array_index (root->children, i);

            if (node_is_fts (child))
              g_ptr_array_add (positive, child);
            else if (child->kind == NODE_NOT && node_is_fts (g_ptr_array_index (child->children, 0)))
              g_ptr_array_add (negative, child);
            else
              g_ptr_array_add (rest, child);
          }
      else if (node_is_fts (root))
        g_ptr_array_add (positive, root);
      else
        g_ptr_array_add (rest, root);
    }

  if (positive->len > 0)
    {
      GString *match = g_string_new (NULL);

      for (guint i = 0; i < positive->len; i++)
        {
          if (i > 0)
            g_string_append (match, " AND ");
          append_fts (match, g_ptr_array_index (positive, i));
        }
      if (positive->len > 1 && negative->len > 0)
        {
          g_string_prepend_c (match, '(');
          g_string_append_c (match, ')');
        }
      for (guint i = 0; i < negative->len; i++)
        {
          Node *child = g_ptr_array_index (negative, i);

          g_string_append (match, " NOT ");
          append_fts (match, g_ptr_array_index (child->children, 0));
        }
      self->match = g_string_free (match, FALSE);
    }
  else
    g_ptr_array_extend (rest, negative, NULL, NULL);

  self->params = g_ptr_array_new_with_free_func (g_free);
  where = g_string_new (NULL);
  for (guint i = 0; i < rest->len; i++)
    {
      if (i > 0)
        g_string_append (where, " AND ");
      append_sql (where, self->params, &self->uses_state, g_ptr_array_index (rest, i));
    }
  if (where->len == 0)
    g_string_append (where, "1");
  self->where = g_string_free (where, FALSE);

  g_ptr_array_add (warnings, NULL);
  self->warnings = (char **) g_ptr_array_steal (warnings, NULL);
  g_ptr_array_add (terms, NULL);
  self->terms = (char **) g_ptr_array_steal (terms, NULL);
}

static void
pr_query_class_init (PrQueryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = pr_query_constructed;
  object_class->finalize = pr_query_finalize;
  object_class->get_property = pr_query_get_property;
  object_class->set_property = pr_query_set_property;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pr_query_init (PrQuery *self)
{
}

PrQuery *
pr_query_new (const char *text)
{
  return g_object_new (PR_TYPE_QUERY, "text", text, NULL);
}

const char *
pr_query_get_text (PrQuery *self)
{
  g_return_val_if_fail (PR_IS_QUERY (self), NULL);
  return self->text;
}

gboolean
pr_query_is_empty (PrQuery *self)
{
  g_return_val_if_fail (PR_IS_QUERY (self), TRUE);
  return self->match == NULL && g_str_equal (self->where, "1");
}

gboolean
pr_query_has_terms (PrQuery *self)
{
  g_return_val_if_fail (PR_IS_QUERY (self), FALSE);
  return self->match != NULL || self->has_cjk;
}

gboolean
pr_query_get_fell_back (PrQuery *self)
{
  g_return_val_if_fail (PR_IS_QUERY (self), FALSE);
  return self->fell_back;
}

const char * const *
pr_query_get_warnings (PrQuery *self)
{
  g_return_val_if_fail (PR_IS_QUERY (self), NULL);
  return (const char * const *) self->warnings;
}

const char * const *
pr_query_get_terms (PrQuery *self)
{
  g_return_val_if_fail (PR_IS_QUERY (self), NULL);
  return (const char * const *) self->terms;
}

const char *
pr_query_get_match (PrQuery *self)
{
  g_return_val_if_fail (PR_IS_QUERY (self), NULL);
  return self->match;
}

PrQuerySql *
pr_query_compile (PrQuery  *query,
                  PrFilter  filter)
{
  PrQuerySql *sql = g_new0 (PrQuerySql, 1);
  const char *extra = NULL;

  sql->match = g_strdup (query != NULL ? query->match : NULL);
  sql->params = g_ptr_array_new_with_free_func (g_free);
  if (query != NULL)
    for (guint i = 0; i < query->params->len; i++)
      g_ptr_array_add (sql->params, g_strdup (g_ptr_array_index (query->params, i)));
  sql->uses_state = query != NULL && query->uses_state;
  sql->has_terms = query != NULL && pr_query_has_terms (query);

  if (filter == PR_FILTER_UNREAD)
    extra = "r.read = 0";
  else if (filter == PR_FILTER_BOOKMARKED)
    extra = "r.bookmarked = 1";

  if (extra != NULL)
    {
      sql->uses_state = TRUE;
      if (query == NULL || g_str_equal (query->where, "1"))
        sql->where = g_strdup (extra);
      else
        sql->where = g_strdup_printf ("%s AND %s", extra, query->where);
      /* The filter's condition has no parameters, so the order holds. */
    }
  else
    sql->where = g_strdup (query != NULL ? query->where : "1");

  return sql;
}

void
pr_query_sql_free (PrQuerySql *sql)
{
  if (sql == NULL)
    return;
  g_free (sql->match);
  g_free (sql->where);
  g_ptr_array_unref (sql->params);
  g_free (sql);
}

/* ---- helpers --------------------------------------------------------- */

char *
pr_normalize_key (const char *text)
{
  g_autofree char *decomposed = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((guchar) *p < 0x80)
        {
          if (g_ascii_isalnum (*p))
            g_string_append_c (out, g_ascii_tolower (*p));
        }
      else if (g_unichar_isalnum (c) && !g_unichar_ismark (c))
        g_string_append_unichar (out, g_unichar_tolower (c));
    }
  return g_string_free (out, FALSE);
}

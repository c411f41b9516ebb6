## The command line's own strings (mekong check), English.
## Diagnostics stay in English; these are the report's headings and summary lines.

check-translations = Translations
check-translations-size = { $pages ->
        [one] 1 page
       *[other] { $pages } pages
    } × { $languages } languages
check-column-page = page
check-column-kind = kind
check-column-notes = glossary, terms
check-notes-glossary = glossary { $count }
check-notes-terms = terms { $count }
check-kind-home = home
check-kind-section = section
check-kind-article = article
check-kind-page = page
check-status-source = source
check-status-ok = ok
check-status-stale = stale
check-status-untracked = untracked
check-status-draft = draft
check-status-missing = missing
check-hidden-rows = { $count ->
        [one] 1 more page is
       *[other] { $count } more pages are
    } translated and up to date in every language (--all lists them).
check-no-pages = No pages yet.
check-articles = { $translated } of { $total } articles
check-other-pages = other pages: { $translated } of { $total }
check-n-stale = { $count } stale
check-n-untracked = { $count } untracked
check-n-draft = { $count ->
        [one] 1 draft
       *[other] { $count } drafts
    }
check-n-missing = { $count } missing

check-glossary = Glossary (i18n/glossary.yaml)
check-glossary-size = { $entries ->
        [one] 1 entry
       *[other] { $entries } entries
    }
check-glossary-ok = every translation writes the names its source names, and no page uses an avoided spelling.
check-glossary-n-missing = { $count ->
        [one] 1 name missing
       *[other] { $count } names missing
    }
check-glossary-n-avoided = { $count ->
        [one] 1 avoided spelling
       *[other] { $count } avoided spellings
    }
check-glossary-missing = "{ $form }" ({ $entry }) is never written; the source names "{ $named }" at { $source }
check-glossary-avoided = { $line }:{ $column }: "{ $written }" → "{ $form }" ({ $entry })
check-glossary-avoided-no-form = { $line }:{ $column }: "{ $written }" is avoided ({ $entry })

check-terms = Taxonomy terms (i18n/terms.yaml)
check-terms-size = { $terms ->
        [one] 1 mapped term
       *[other] { $terms } mapped terms
    }
check-terms-ok = every term is mapped, and every translation carries its source's terms.
check-terms-unmapped = { $count ->
        [one] 1 term not in the terms file:
       *[other] { $count } terms not in the terms file:
    }
check-terms-unmapped-term = { $taxonomy } "{ $name }" ({ $lang }, { $count ->
        [one] 1 article
       *[other] { $count } articles
    })
check-terms-suggest-slug = likely `{ $key }`: its { $lang } name "{ $name }" has the same slug
check-terms-suggest-position = likely `{ $key }` ("{ $name }" in { $lang }): translations carry it in the same place
check-terms-suggest-new = likely one term with "{ $name }" ({ $lang }): translations carry it in the same place
check-terms-n-missing = { $count ->
        [one] 1 term missing
       *[other] { $count } terms missing
    }
check-terms-n-extra = { $count ->
        [one] 1 term the source lacks
       *[other] { $count } terms the source lacks
    }
check-terms-missing = { $line }:{ $column }: lacks "{ $name }" ({ $taxonomy }: { $key }); the source has it at { $source }
check-terms-extra = { $line }:{ $column }: has "{ $name }" ({ $taxonomy }: { $key }), which the source { $source } lacks

check-fluent = Interface strings (Fluent)
check-fluent-missing = missing in { $lang }: { $keys }
check-fluent-undefined = used by templates, defined nowhere: { $keys }
check-fluent-unused = defined, never used: { $keys }
check-fluent-computed = ({ $count ->
        [one] one call of t() computes its key
       *[other] { $count } calls of t() compute their key
    }: some of these may be used after all)
check-fluent-ok = every key is defined in every language and used.

check-problems = Problems
check-problems-none = none.
check-problems-where = (each is shown above, with its file and line; translations are in the table)
check-problems-in-table = (the pages are in the table above)
check-kind-config = site.yaml
check-kind-content = front matter and files
check-kind-duplicate = duplicate addresses
check-kind-theme = theme and templates
check-kind-fluent = interface strings
check-kind-external = links to other sites
check-external-summary = Links to other sites: { $links } checked, { $cached } of them answered from the cache.
check-kind-link = links and pictures
check-kind-anchor = #anchors
check-kind-raw-html = raw HTML
check-kind-alt-text = alt text
check-kind-unused-file = unused files
check-kind-translation = translations
check-kind-glossary = glossary
check-kind-terms = taxonomy terms
check-kind-mention = mentions of documents
check-errors = { $count ->
        [one] 1 error
       *[other] { $count } errors
    }
check-warnings = { $count ->
        [one] 1 warning
       *[other] { $count } warnings
    }

check-summary = Checked { $pages ->
        [one] 1 page
       *[other] { $pages } pages
    } in { $seconds } s: { $errors }, { $warnings }.
check-summary-strict = With --strict, warnings count as errors.

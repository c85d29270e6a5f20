"""The Hugo baseline's layouts: the same page furniture certwarn's default theme has.

Every page gets the language switcher, hreflang alternates, a sidebar listing articles and
codes, and a table of contents; codes also get a self-contained error page; each language
gets a sitemap (Hugo's own). Pagefind indexes each language afterwards, as it does certwarn's:
the help pages mark what it indexes with `data-pagefind-body`, as certwarn's theme does.
"""

from __future__ import annotations

BASEOF = """\
<!doctype html>
<html lang="{{ .Language.LanguageCode }}" dir="{{ .Language.LanguageDirection | default "ltr" }}">
<head><meta charset="utf-8"><title>{{ .Title }} | {{ .Site.Title }}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{{ .Params.summary }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.LanguageCode }}" \
href="{{ .Permalink }}">
{{ end }}<link rel="stylesheet" href="{{ "style.css" | relURL }}"></head>
<body><header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
<nav aria-label="Languages"><ul>{{ range .AllTranslations }}
<li><a hreflang="{{ .Language.LanguageCode }}" href="{{ .RelPermalink }}">\
{{ .Language.LanguageName }}</a></li>{{ end }}</ul></nav></header>
<aside>{{ partialCached "sidebar.html" . .Language.Lang }}</aside>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ now.Format "2006-01-02" }}</footer></body></html>
"""

SIDEBAR = """\
<nav aria-label="Articles"><ul>{{ range (where .Site.RegularPages "Section" "articles") }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></nav>
<nav aria-label="Codes"><ul>{{ range (where .Site.RegularPages "Section" "codes") }}
<li><a href="{{ .RelPermalink }}">{{ .File.ContentBaseName }}</a></li>{{ end }}</ul></nav>
"""

SINGLE = """\
{{ define "main" }}<article data-pagefind-body><h1>{{ .Title }}</h1>\
<p class="lead">{{ .Params.summary }}</p>
<nav class="toc">{{ .TableOfContents }}</nav>{{ .Content }}</article>{{ end }}
"""

LIST = """\
{{ define "main" }}<div data-pagefind-body><h1>{{ .Title }}</h1><ul>{{ range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.summary }}</li>{{ end }}</ul>\
</div>{{ end }}
"""

ERROR = """\
<!doctype html>
<html lang="{{ .Language.LanguageCode }}" dir="{{ .Language.LanguageDirection | default "ltr" }}">
<head><meta charset="utf-8"><title>{{ .Title }}</title>
<style>body{font:16px/1.5 system-ui;max-width:40em;margin:2em auto}h1{font-size:1.6em}</style>
</head><body><main><h1>{{ .Title }}</h1><p>{{ .Params.summary }}</p>{{ .Content }}</main>
</body></html>
"""

OS_SHORTCODE = """\
<section class="os os-{{ .Get 0 }}"><h3>{{ .Get 0 }}</h3>{{ .Inner }}</section>
"""

STEPS_SHORTCODE = """\
{{ $name := .Get 0 }}{{ range slice "windows" "macos" "linux" }}\
{{ with $.Page.Site.GetPage (printf "/steps/%s/%s" $name .) }}\
<section class="os os-{{ .File.ContentBaseName }}">{{ .Content }}</section>{{ end }}{{ end }}
"""

UI_SHORTCODE = """<span class="ui ui-{{ .Get 0 }}"><code>{{ .Get 1 }}</code></span>"""

LINK_HOOK = """\
{{- $dest := .Destination -}}
{{- if hasPrefix $dest "code:" -}}\
{{- $dest = relref .Page (printf "/codes/%s" (strings.TrimPrefix "code:" $dest)) -}}
{{- else if hasPrefix $dest "article:" -}}\
{{- $dest = relref .Page (printf "/articles/%s" (strings.TrimPrefix "article:" $dest)) -}}
{{- end -}}
<a href="{{ $dest | safeURL }}">{{ .Text | safeHTML }}</a>
"""

LAYOUTS = {
    "_default/baseof.html": BASEOF,
    "_default/single.html": SINGLE,
    "_default/list.html": LIST,
    "errors/single.html": ERROR,
    "partials/sidebar.html": SIDEBAR,
    "shortcodes/os.html": OS_SHORTCODE,
    "shortcodes/steps.html": STEPS_SHORTCODE,
    "shortcodes/ui.html": UI_SHORTCODE,
    "_default/_markup/render-link.html": LINK_HOOK,
}

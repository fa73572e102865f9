/* The summary as a self-contained HTML page: the numbers of the text and
 * JSON summaries (report_totals, report_timeline, report_domain_counts), in
 * tables beside inline SVG charts. No script and no network: the styles are
 * inline, a Content-Security-Policy forbids every fetch, and every string
 * that comes from the data is escaped. Domains only: no address appears. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "timeutil.h"

#define CHART_W 640      /* natural width of a bar chart */
#define BAR_ROW 28       /* height of one bar's row */
#define TL_W 1200        /* the timeline's natural width */
#define TL_H 230
#define TL_LEFT 56       /* room for the y labels */
#define TL_RIGHT 24
#define TL_TOP 16
#define TL_BOTTOM 44     /* room for the day labels */
#define TL_MIN_BAR 2     /* narrowest bar: more days than fit share a bar */
#define TL_MAX_BAR 36    /* widest bar, for a timeline of a few days */
#define TL_TICK_ROOM 80  /* no tick label this close to the first/last day's */

struct page {
	FILE *f;
	const struct scan *sc;
	const struct domain_set *internal;
	int internal_given;
	struct report_totals t;
	struct domain_set all;        /* unique addresses per domain */
	struct domain_entry **ranked; /* all, highest count first */
	struct domain_entry **own;    /* the internal domains, ranked */
	struct report_day *days;      /* the timeline */
	size_t n_days;
	size_t failed;
};

/* One bar of a horizontal bar chart. */
struct bar {
	const char *label; /* from the data: escaped, shortened to fit */
	uint64_t value;
	const char *cls;   /* fill class */
};

static const char css[] =
	":root{--ink:#1f2937;--muted:#6b7280;--line:#e5e7eb;--soft:#f8fafc;--login:#2563eb;"
	"--addressbook:#059669;--sent:#d97706;--mix:#7c3aed;--int:#0e7490;--ext:#c2410c;--plain:#475569}\n"
	"*{box-sizing:border-box;-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
	"body{margin:0 auto;max-width:1200px;padding:28px 32px 40px;color:var(--ink);background:#fff;"
	"font:14px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,"
	"\"Liberation Sans\",\"DejaVu Sans\",sans-serif}\n"
	"h1{font-size:26px;margin:0 0 4px}h2{font-size:18px;margin:0 0 4px}"
	"h3{font-size:14px;margin:16px 0 6px}\n"
	"p{margin:6px 0}.sub,.note{color:var(--muted)}.note{font-size:12.5px;margin:0 0 12px}\n"
	".cards{display:grid;grid-template-columns:repeat(6,minmax(0,1fr));gap:12px;margin:22px 0 8px}\n"
	".card{border:1px solid var(--line);border-radius:8px;padding:10px 14px;background:var(--soft)}\n"
	".card .k{color:var(--muted);font-size:11.5px;text-transform:uppercase;letter-spacing:.04em}\n"
	".card .v{font-size:28px;font-weight:650;line-height:1.2;font-variant-numeric:tabular-nums}\n"
	".card .s{color:var(--muted);font-size:12px}\n"
	"section{border-top:1px solid var(--line);padding:18px 0 14px;break-inside:avoid}\n"
	".pair{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:32px;align-items:start}\n"
	"svg{display:block;max-width:100%;height:auto}\n"
	"svg text{font-size:12px;fill:var(--ink);font-variant-numeric:tabular-nums}\n"
	"svg .muted{fill:var(--muted)}svg .axis{stroke:#9ca3af;stroke-width:1}"
	"svg .grid{stroke:var(--line);stroke-width:1}\n"
	".f-login{fill:var(--login)}.f-addressbook{fill:var(--addressbook)}.f-sent{fill:var(--sent)}"
	".f-mix{fill:var(--mix)}.f-int{fill:var(--int)}.f-ext{fill:var(--ext)}.f-plain{fill:var(--plain)}"
	".f-empty{fill:var(--line)}\n"
	"table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}\n"
	"th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}\n"
	"thead th{font-size:12px;color:var(--muted);font-weight:600}\n"
	"th[scope=row]{font-weight:normal}.n{text-align:right}\n"
	"tr.total th,tr.total td{font-weight:650;border-top:2px solid var(--ink)}\n"
	"tr.zero th,tr.zero td{color:var(--muted)}\n"
	".eq{font-size:15px}.eq b{font-variant-numeric:tabular-nums}\n"
	".banner{margin:18px 0 0;padding:12px 16px;border:2px solid #b91c1c;border-radius:8px;"
	"background:#fef2f2;color:#7f1d1d}\n"
	".banner strong{font-size:16px}.warn{padding:8px 12px;border-left:4px solid #b91c1c;background:#fef2f2}\n"
	".err{color:#b91c1c}.key{display:inline-block;width:10px;height:10px;border-radius:2px;margin:0 4px 0 10px}\n"
	"footer{border-top:1px solid var(--line);padding-top:12px;color:var(--muted);font-size:12px}\n"
	"@media (max-width:900px){.pair{grid-template-columns:1fr}.cards{grid-template-columns:repeat(3,1fr)}}\n"
	"@media print{body{max-width:none;padding:0;font-size:10pt}.pair{grid-template-columns:3fr 2fr}"
	"section{page-break-inside:avoid}}\n";

/* ---- escaping ----------------------------------------------------------- */

/* A control character (C0 but tab and newline, DEL, C1): not allowed in HTML text. */
static int is_control(const unsigned char *s, size_t n)
{
	return (n == 1 && ((s[0] < 0x20 && s[0] != '\t' && s[0] != '\n') || s[0] == 0x7f)) ||
	       (n == 2 && s[0] == 0xc2 && s[1] < 0xa0);
}

static const char *entity(unsigned char c)
{
	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return "&#39;";
	default: return NULL;
	}
}

/* Text from the data, escaped for HTML text and quoted attributes; controls
 * and invalid UTF-8 become U+FFFD. max > 0: at most max characters, the
 * rest shown as an ellipsis. */
static void html_text(FILE *f, const char *str, size_t max)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t left = strlen(str);
	for (size_t chars = 0; *s; chars++) {
		size_t n = utf8_char_len(s, left);
		if (max && chars + 1 == max && s[n ? n : 1]) {
			fputs("&#8230;", f);
			return;
		}
		const char *e = n == 1 ? entity(*s) : NULL;
		if (n == 0 || is_control(s, n))
			fputs("&#xFFFD;", f);
		else if (e)
			fputs(e, f);
		else
			fwrite(s, 1, n, f);
		s += n ? n : 1;
		left -= n ? n : 1;
	}
}

static void html_all(FILE *f, const char *s)
{
	html_text(f, s, 0);
}

/* ---- tables ------------------------------------------------------------- */

static void table_open(FILE *f, const char *what, const char *count)
{
	fprintf(f, "<table><thead><tr><th>%s</th><th class=\"n\">%s</th></tr></thead><tbody>\n", what, count);
}

static void table_close(FILE *f)
{
	fputs("</tbody></table>\n", f);
}

/* A row of a two-column table; label is HTML we wrote, cls a row class or "". */
static void row_html(FILE *f, const char *cls, const char *label, uint64_t v)
{
	fprintf(f, "<tr%s%s%s><th scope=\"row\">%s</th><td class=\"n\">%" PRIu64 "</td></tr>\n", cls[0] ? " class=\"" : "",
		cls, cls[0] ? "\"" : "", label, v);
}

/* The same, its label from the data. */
static void row_data(FILE *f, const char *label, uint64_t v)
{
	fprintf(f, "<tr%s><th scope=\"row\">", v ? "" : " class=\"zero\"");
	html_all(f, label);
	fprintf(f, "</th><td class=\"n\">%" PRIu64 "</td></tr>\n", v);
}

/* ---- charts ------------------------------------------------------------- */

static uint64_t bars_max(const struct bar *b, size_t n)
{
	uint64_t max = 0;
	for (size_t i = 0; i < n; i++)
		max = b[i].value > max ? b[i].value : max;
	return max;
}

static void svg_bar(FILE *f, const struct bar *b, int y, int label_w, double scale)
{
	int w = (int)((double)b->value * scale + 0.5);
	if (b->value && w < 2)
		w = 2;
	fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", label_w - 10, y + 18);
	html_text(f, b->label, (size_t)label_w / 7);
	fprintf(f, "</text><rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" rx=\"2\"><title>", b->cls, label_w,
		y + 5, w);
	html_all(f, b->label);
	fprintf(f, ": %" PRIu64 "</title></rect><text x=\"%d\" y=\"%d\">%" PRIu64 "</text>\n", b->value, label_w + w + 6,
		y + 18, b->value);
}

/* Horizontal bars, one a row, the value at the end of each; title is ours. */
static void svg_bars(FILE *f, const char *title, const struct bar *b, size_t n, int label_w)
{
	int h = (int)n * BAR_ROW + 8, plot = CHART_W - label_w - 56;
	uint64_t max = bars_max(b, n);
	double scale = max ? (double)plot / (double)max : 0;
	fprintf(f, "<svg role=\"img\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\"><title>%s</title>\n", CHART_W, h,
		CHART_W, h, title);
	for (size_t i = 0; i < n; i++)
		svg_bar(f, &b[i], 4 + (int)i * BAR_ROW, label_w, scale);
	fprintf(f, "<line class=\"axis\" x1=\"%d\" y1=\"4\" x2=\"%d\" y2=\"%d\"/></svg>\n", label_w, label_w, h - 4);
}

/* Internal vs external as one bar split in two, with a legend below. */
static void svg_split(FILE *f, uint64_t in, uint64_t ex)
{
	const int w = CHART_W, bar = 36;
	uint64_t all = in + ex;
	int wi = all ? (int)((double)w * (double)in / (double)all + 0.5) : 0;
	fprintf(f, "<svg role=\"img\" width=\"%d\" height=\"84\" viewBox=\"0 0 %d 84\">"
		   "<title>unique addresses: internal and external</title>\n", w, w);
	if (!all)
		fprintf(f, "<rect class=\"f-empty\" x=\"0\" y=\"4\" width=\"%d\" height=\"%d\" rx=\"3\"/>\n", w, bar);
	if (in)
		fprintf(f, "<rect class=\"f-int\" x=\"0\" y=\"4\" width=\"%d\" height=\"%d\"><title>internal: %" PRIu64
			   "</title></rect>\n", wi, bar, in);
	if (ex)
		fprintf(f, "<rect class=\"f-ext\" x=\"%d\" y=\"4\" width=\"%d\" height=\"%d\"><title>external: %" PRIu64
			   "</title></rect>\n", wi, w - wi, bar, ex);
	double pi = all ? 100.0 * (double)in / (double)all : 0, pe = all ? 100.0 - pi : 0;
	fprintf(f, "<rect class=\"f-int\" x=\"0\" y=\"56\" width=\"12\" height=\"12\" rx=\"2\"/>"
		   "<text x=\"18\" y=\"67\">internal %" PRIu64 " (%.0f%%)</text>\n", in, pi);
	fprintf(f, "<rect class=\"f-ext\" x=\"220\" y=\"56\" width=\"12\" height=\"12\" rx=\"2\"/>"
		   "<text x=\"238\" y=\"67\">external %" PRIu64 " (%.0f%%)</text></svg>\n", ex, pe);
}

/* ---- the page's data ---------------------------------------------------- */

static int page_init(struct page *p, FILE *f, const struct scan *sc, const struct domain_set *internal, int given)
{
	memset(p, 0, sizeof(*p));
	p->f = f;
	p->sc = sc;
	p->internal = internal;
	p->internal_given = given;
	domain_set_init(&p->all);
	report_totals(sc, internal, &p->t);
	for (size_t s = 0; s < sc->n_sources; s++)
		p->failed += (size_t)sc->sources[s].failed;
	if (report_timeline(sc, &p->days, &p->n_days) != 0 || report_domain_counts(sc, &p->all) != 0)
		return -1;
	p->ranked = domain_set_ranked(&p->all);
	p->own = domain_set_ranked(internal);
	return p->ranked && p->own ? 0 : -1;
}

static void page_release(struct page *p)
{
	free(p->days);
	free(p->ranked);
	free(p->own);
	domain_set_release(&p->all);
}

/* "login + addressbook" for a set of origins, "login only" for one. */
static void overlap_label(unsigned origins, char *buf, size_t sz)
{
	report_origins_label(origins, " + ", buf, sz);
	if (!(origins & (origins - 1)))
		strncat(buf, " only", sz - strlen(buf) - 1);
}

static const char *origin_class(unsigned origins)
{
	switch (origins) {
	case 1u << ORIGIN_LOGIN: return "f-login";
	case 1u << ORIGIN_ADDRESSBOOK: return "f-addressbook";
	case 1u << ORIGIN_SENT: return "f-sent";
	default: return "f-mix";
	}
}

/* ---- the parts of the page ---------------------------------------------- */

static void write_head(const struct page *p)
{
	FILE *f = p->f;
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<title>exposure summary</title>\n<style>\n", f);
	fputs(css, f);
	fputs("</style>\n</head>\n<body>\n<header>\n<h1>Exposure summary</h1>\n<p class=\"sub\">", f);
	fprintf(f, "%zu source%s:", p->sc->n_sources, p->sc->n_sources == 1 ? "" : "s");
	for (size_t s = 0; s < p->sc->n_sources; s++) {
		fputs(s ? ", <b>" : " <b>", f);
		html_all(f, p->sc->sources[s].name);
		fputs("</b>", f);
	}
	fputs(". Domains only: no address appears in this report.</p>\n</header>\n", f);
}

static void write_banner(const struct page *p)
{
	if (!p->failed)
		return;
	fprintf(p->f, "<div class=\"banner\" role=\"alert\"><strong>PARTIAL RESULT</strong>: %zu source%s failed; "
		      "what they hold is missing or incomplete below.<ul>\n", p->failed, p->failed == 1 ? "" : "s");
	for (size_t s = 0; s < p->sc->n_sources; s++) {
		const struct scan_source *src = &p->sc->sources[s];
		if (!src->failed)
			continue;
		fputs("<li><b>", p->f);
		html_all(p->f, src->name);
		fputs("</b>: ", p->f);
		html_all(p->f, src->err);
		fputs("</li>\n", p->f);
	}
	fputs("</ul></div>\n", p->f);
}

static void card(FILE *f, const char *key, uint64_t v, const char *sub)
{
	fprintf(f, "<div class=\"card\"><div class=\"k\">%s</div><div class=\"v\">%" PRIu64 "</div><div class=\"s\">%s</div>"
		   "</div>\n", key, v, sub);
}

static void write_cards(const struct page *p)
{
	char sub[96];
	const struct report_totals *t = &p->t;
	fputs("<div class=\"cards\">\n", p->f);
	snprintf(sub, sizeof(sub), "in %zu domain%s", p->all.n, p->all.n == 1 ? "" : "s");
	card(p->f, "unique addresses", t->unique, sub);
	card(p->f, "internal", t->internal, "customers' domains");
	card(p->f, "external", t->external, "third parties");
	snprintf(sub, sizeof(sub), "%" PRIu64 " with a time", t->timed);
	card(p->f, "rows read", t->rows, sub);
	snprintf(sub, sizeof(sub), "%" PRIu64 " accepted + %" PRIu64 " rejected", t->accepted, t->rejected);
	card(p->f, "items", t->accepted + t->rejected, sub);
	snprintf(sub, sizeof(sub), "of %zu", p->sc->n_sources);
	card(p->f, "failed sources", p->failed, p->failed ? "PARTIAL RESULT" : sub);
	fputs("</div>\n", p->f);
}

static void section_open(FILE *f, const char *id, const char *title, const char *note)
{
	fprintf(f, "<section id=\"%s\">\n<h2>%s</h2>\n<p class=\"note\">%s</p>\n", id, title, note);
}

/* A chart of bars and, beside it, the same numbers as a table with their
 * total: the shape of the origin, overlap and source sections. */
static void bars_section(const struct page *p, const char *id, const char *title, const char *note,
			 const char *chart, const char *what, const struct bar *b, size_t n, int label_w)
{
	section_open(p->f, id, title, note);
	fputs("<div class=\"pair\"><div>\n", p->f);
	svg_bars(p->f, chart, b, n, label_w);
	fputs("</div><div>\n", p->f);
	table_open(p->f, what, "addresses");
	for (size_t i = 0; i < n; i++)
		row_data(p->f, b[i].label, b[i].value);
	row_html(p->f, "total", "unique addresses", p->t.unique);
	table_close(p->f);
	fputs("</div></div>\n</section>\n", p->f);
}

static void section_origins(const struct page *p)
{
	struct bar b[ORIGIN_COUNT];
	for (int o = 0; o < ORIGIN_COUNT; o++)
		b[o] = (struct bar){ origin_name((enum origin)o), p->t.by_origin[o], origin_class(1u << o) };
	bars_section(p, "origins", "Unique addresses by origin", "An address found in several origins counts once in each.",
		     "unique addresses by origin", "origin", b, ORIGIN_COUNT, 130);
}

static void section_overlaps(const struct page *p)
{
	char names[ORIGIN_ALL + 1][64];
	struct bar b[ORIGIN_ALL];
	for (unsigned m = 1; m <= ORIGIN_ALL; m++) {
		overlap_label(m, names[m], sizeof(names[m]));
		b[m - 1] = (struct bar){ names[m], p->t.by_overlap[m], origin_class(m) };
	}
	bars_section(p, "overlaps", "Overlaps of origins",
		     "Each address counts once, in the exact set of origins it was found in.",
		     "unique addresses by exact set of origins", "origins (exactly)", b, ORIGIN_ALL, 200);
}

static void internal_domains(const struct page *p)
{
	fprintf(p->f, "<p>Internal domains (%s):", p->internal_given ? "given with --internal-domain"
									: "from the logins and the owner accounts");
	for (size_t i = 0; i < p->internal->n; i++) {
		fputs(i ? ", " : " ", p->f);
		html_all(p->f, p->own[i]->name);
	}
	fprintf(p->f, "%s</p>\n", p->internal->n ? "" : " none");
}

static void section_split(const struct page *p)
{
	section_open(p->f, "split", "Internal and external",
		     "Internal: the address's domain is one of the internal domains (the customers).");
	fputs("<div class=\"pair\"><div>\n", p->f);
	svg_split(p->f, p->t.internal, p->t.external);
	fputs("</div><div>\n", p->f);
	table_open(p->f, "domain", "addresses");
	row_html(p->f, "", "internal", p->t.internal);
	row_html(p->f, "", "external", p->t.external);
	row_html(p->f, "total", "unique addresses", p->t.unique);
	table_close(p->f);
	fputs("</div></div>\n", p->f);
	internal_domains(p);
	fputs("</section>\n", p->f);
}

static int section_sources(const struct page *p)
{
	size_t n = p->sc->n_sources;
	struct bar *b = calloc(n ? n : 1, sizeof(*b));
	if (!b)
		return -1;
	for (size_t s = 0; s < n; s++)
		b[s] = (struct bar){ p->sc->sources[s].name, p->t.by_source[s], "f-plain" };
	bars_section(p, "by-source", "Unique addresses by source", "An address found in several sources counts once in each.",
		     "unique addresses by source", "source", b, n, 180);
	free(b);
	return 0;
}

static void domains_table(const struct page *p, size_t n)
{
	fputs("<table><thead><tr><th>domain</th><th>kind</th><th class=\"n\">addresses</th></tr></thead><tbody>\n", p->f);
	for (size_t i = 0; i < n; i++) {
		fputs("<tr><th scope=\"row\">", p->f);
		html_all(p->f, p->ranked[i]->name);
		fprintf(p->f, "</th><td>%s</td><td class=\"n\">%" PRIu64 "</td></tr>\n",
			domain_set_has(p->internal, p->ranked[i]->name) ? "internal" : "external", p->ranked[i]->count);
	}
	table_close(p->f);
}

static void section_domains(const struct page *p)
{
	size_t n = p->all.n < REPORT_TOP_DOMAINS ? p->all.n : REPORT_TOP_DOMAINS;
	struct bar b[REPORT_TOP_DOMAINS];
	char note[256];
	for (size_t i = 0; i < n; i++)
		b[i] = (struct bar){ p->ranked[i]->name, p->ranked[i]->count,
				     domain_set_has(p->internal, p->ranked[i]->name) ? "f-int" : "f-ext" };
	snprintf(note, sizeof(note), "Unique addresses per domain: the top %zu of %zu domains. "
				     "<span class=\"key\" style=\"background:var(--int)\"></span>internal"
				     "<span class=\"key\" style=\"background:var(--ext)\"></span>external", n, p->all.n);
	section_open(p->f, "domains", "Top domains", note);
	if (!n) {
		fputs("<p>No addresses.</p>\n</section>\n", p->f);
		return;
	}
	fputs("<div class=\"pair\"><div>\n", p->f);
	svg_bars(p->f, "top domains by unique addresses", b, n, 210);
	fputs("</div><div>\n", p->f);
	domains_table(p, n);
	fputs("</div></div>\n</section>\n", p->f);
}

/* ---- the timeline ------------------------------------------------------- */

struct timeline {
	int64_t first, per_bar; /* days */
	size_t bars;
	uint64_t *rows;         /* per bar */
	uint64_t max, sum;
	double slot;            /* width of one bar's slot */
	int plot_w, plot_h;
};

static void day_text(int64_t day, char out[11])
{
	char buf[21];
	time_format(day * 86400, buf);
	memcpy(out, buf, 10);
	out[10] = '\0';
}

/* Days into bars: one a day while they fit, else as many days a bar as needed. */
static int timeline_bin(struct timeline *tl, const struct report_day *d, size_t n)
{
	int64_t span = d[n - 1].day - d[0].day + 1, fit = (TL_W - TL_LEFT - TL_RIGHT) / TL_MIN_BAR;
	tl->first = d[0].day;
	tl->per_bar = (span + fit - 1) / fit;
	tl->bars = (size_t)((span + tl->per_bar - 1) / tl->per_bar);
	tl->plot_w = TL_W - TL_LEFT - TL_RIGHT;
	tl->plot_h = TL_H - TL_TOP - TL_BOTTOM;
	tl->slot = (double)tl->plot_w / (double)tl->bars;
	if (!(tl->rows = calloc(tl->bars, sizeof(*tl->rows))))
		return -1;
	for (size_t i = 0; i < n; i++) {
		uint64_t *r = &tl->rows[(d[i].day - tl->first) / tl->per_bar];
		*r += d[i].rows;
		tl->sum += d[i].rows;
		tl->max = *r > tl->max ? *r : tl->max;
	}
	return 0;
}

static double timeline_x(const struct timeline *tl, int64_t day)
{
	return TL_LEFT + (double)(day - tl->first) / (double)tl->per_bar * tl->slot;
}

static void timeline_bar(FILE *f, const struct timeline *tl, size_t i)
{
	char from[11], to[11];
	double w = tl->slot > TL_MAX_BAR ? TL_MAX_BAR : tl->slot > 3 ? tl->slot - 1 : tl->slot;
	double x = TL_LEFT + (double)i * tl->slot + (tl->slot - w) / 2;
	double h = (double)tl->rows[i] * tl->plot_h / (double)tl->max;
	int64_t day = tl->first + (int64_t)i * tl->per_bar;
	h = h < 1 ? 1 : h;
	day_text(day, from);
	day_text(day + tl->per_bar - 1, to);
	fprintf(f, "<rect class=\"f-plain\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\"><title>%s%s%s: %" PRIu64
		   " row%s</title></rect>\n", x, TL_TOP + tl->plot_h - h, w, h, from, tl->per_bar > 1 ? " to " : "",
		tl->per_bar > 1 ? to : "", tl->rows[i], tl->rows[i] == 1 ? "" : "s");
}

/* The first day of each month (short timelines) or year after the first day,
 * every step-th of them, as small ticks with a label. */
static void timeline_ticks(FILE *f, const struct timeline *tl, int64_t last)
{
	char ymd[32];
	int64_t months = (last - tl->first) / 30, by_year = months > 24;
	int64_t units = by_year ? months / 12 : months, step = 1 + units / 14;
	int y, m;
	day_text(tl->first, ymd);
	if (sscanf(ymd, "%4d-%2d", &y, &m) != 2)
		return;
	for (int64_t k = 0;; k++) {
		int64_t idx = by_year ? (y + 1 + k * step) * 12 : (int64_t)y * 12 + (m - 1) + (k + 1) * step;
		int64_t t;
		snprintf(ymd, sizeof(ymd), "%04d-%02d-01", (int)(idx / 12), (int)(idx % 12) + 1);
		if (time_parse(ymd, 10, &t) != TIME_PARSED || t / 86400 >= last)
			return;
		double x = timeline_x(tl, t / 86400);
		if (x < TL_LEFT + TL_TICK_ROOM || x > TL_W - TL_RIGHT - TL_TICK_ROOM)
			continue;
		fprintf(f, "<line class=\"axis\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/><text class=\"muted\" x=\"%.1f\" "
			   "y=\"%d\" text-anchor=\"middle\">%.*s</text>\n", x, TL_TOP + tl->plot_h, x, TL_TOP + tl->plot_h + 5,
			x, TL_TOP + tl->plot_h + 18, by_year ? 4 : 7, ymd);
	}
}

static void timeline_axes(FILE *f, const struct timeline *tl, int64_t last)
{
	char first_s[11], last_s[11];
	int base = TL_TOP + tl->plot_h;
	day_text(tl->first, first_s);
	day_text(last, last_s);
	fprintf(f, "<line class=\"grid\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
		   "<line class=\"grid\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n",
		TL_LEFT, TL_TOP, TL_W - TL_RIGHT, TL_TOP, TL_LEFT, TL_TOP + tl->plot_h / 2, TL_W - TL_RIGHT,
		TL_TOP + tl->plot_h / 2);
	fprintf(f, "<text class=\"muted\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%" PRIu64 "</text>"
		   "<text class=\"muted\" x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>\n",
		TL_LEFT - 8, TL_TOP + 4, tl->max, TL_LEFT - 8, base + 4);
	fprintf(f, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", TL_LEFT, base, TL_W - TL_RIGHT, base);
	fprintf(f, "<text x=\"%d\" y=\"%d\">%s</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n", TL_LEFT,
		base + 34, first_s, TL_W - TL_RIGHT, base + 34, last_s);
	timeline_ticks(f, tl, last);
}

static void timeline_svg(FILE *f, const struct timeline *tl, int64_t last)
{
	fprintf(f, "<svg role=\"img\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\"><title>rows with a time, by day"
		   "</title>\n", TL_W, TL_H, TL_W, TL_H);
	timeline_axes(f, tl, last);
	for (size_t i = 0; i < tl->bars; i++)
		if (tl->rows[i])
			timeline_bar(f, tl, i);
	fputs("</svg>\n", f);
}

static void timeline_table(const struct page *p, const struct timeline *tl)
{
	char first_s[11], last_s[11], busy_s[11];
	size_t busiest = 0;
	for (size_t i = 1; i < p->n_days; i++)
		busiest = p->days[i].rows > p->days[busiest].rows ? i : busiest;
	day_text(p->days[0].day, first_s);
	day_text(p->days[p->n_days - 1].day, last_s);
	day_text(p->days[busiest].day, busy_s);
	fputs("<table><thead><tr><th>first day</th><th>last day</th><th class=\"n\">days with rows</th>"
	      "<th>busiest day</th><th class=\"n\">rows on the timeline</th>"
	      "<th class=\"n\">rows without a readable time (not shown)</th></tr></thead><tbody>\n", p->f);
	fprintf(p->f, "<tr><td>%s</td><td>%s</td><td class=\"n\">%zu</td><td>%s (%" PRIu64 " rows)</td>"
		      "<td class=\"n\">%" PRIu64 "</td><td class=\"n\">%" PRIu64 "</td></tr>\n",
		first_s, last_s, p->n_days, busy_s, p->days[busiest].rows, tl->sum, p->t.untimed);
	table_close(p->f);
}

static int section_timeline(const struct page *p)
{
	struct timeline tl = { 0 };
	char note[160];
	if (!p->n_days) {
		section_open(p->f, "timeline", "Rows by day", "No row read had a readable time: no timeline.");
		fputs("</section>\n", p->f);
		return 0;
	}
	if (timeline_bin(&tl, p->days, p->n_days) != 0)
		return -1;
	if (tl.per_bar > 1)
		snprintf(note, sizeof(note), "Rows with a time, read inside the window, by day: each bar sums %" PRId64
					     " days.", tl.per_bar);
	else
		snprintf(note, sizeof(note), "Rows with a time, read inside the window, by day.");
	section_open(p->f, "timeline", "Rows by day", note);
	timeline_svg(p->f, &tl, p->days[p->n_days - 1].day);
	timeline_table(p, &tl);
	fputs("</section>\n", p->f);
	free(tl.rows);
	return 0;
}

/* ---- rows read, rejects, window, sources -------------------------------- */

static void run_row(FILE *f, const char *ex, const char *table, const struct scan_run *r, const char *cls)
{
	fprintf(f, "<tr%s>", cls);
	fputs("<td>", f);
	html_all(f, ex);
	fputs("</td><td>", f);
	html_all(f, table);
	fprintf(f, "</td><td class=\"n\">%" PRIu64 "</td><td class=\"n\">%" PRIu64 "</td><td class=\"n\">%" PRIu64
		   "</td><td class=\"n\">%" PRIu64 "</td><td class=\"n\">%" PRIu64 "</td></tr>\n",
		r->rows, r->fields, r->nulls, r->accepted, r->rejected);
}

static void source_runs(FILE *f, const struct scan_source *src)
{
	struct scan_run sum = { 0 };
	fputs("<h3>source <q>", f);
	html_all(f, src->name);
	fputs("</q> &middot; ", f);
	html_all(f, src->impl->name);
	fputs(" &middot; profile ", f);
	html_all(f, src->profile ? src->profile->name : "-");
	fputs("</h3>\n<table><thead><tr><th>extractor</th><th>table</th><th class=\"n\">rows</th><th class=\"n\">fields"
	      "</th><th class=\"n\">null</th><th class=\"n\">accepted</th><th class=\"n\">rejected</th></tr></thead><tbody>\n",
	      f);
	for (size_t i = 0; i < src->n_runs; i++) {
		const struct scan_run *r = &src->runs[i];
		run_row(f, r->ex->name, r->table, r, "");
		sum.rows += r->rows, sum.fields += r->fields, sum.nulls += r->nulls;
		sum.accepted += r->accepted, sum.rejected += r->rejected;
	}
	for (size_t i = 0; i < src->n_absent; i++) {
		fputs("<tr class=\"zero\"><td>", f);
		html_all(f, src->absent[i]);
		fputs("</td><td colspan=\"6\">no table: not read</td></tr>\n", f);
	}
	run_row(f, "source total", "", &sum, " class=\"total\"");
	table_close(f);
	if (src->failed) {
		fputs("<p class=\"err\">FAILED: ", f);
		html_all(f, src->err);
		fputs("</p>\n", f);
	}
}

static void totals_table(FILE *f, const struct report_totals *t)
{
	table_open(f, "rows and items", "count");
	row_html(f, "", "rows read", t->rows);
	row_html(f, "", "rows with a time", t->timed);
	row_html(f, "", "rows with a time that could not be read", t->bad_times);
	row_html(f, "", "rows of the system account", t->system_rows);
	row_html(f, "", "address fields read", t->fields);
	row_html(f, "", "null address fields", t->nulls);
	row_html(f, "", "accepted", t->accepted);
	row_html(f, "", "rejected", t->rejected);
	row_html(f, "total", "items (accepted + rejected)", t->accepted + t->rejected);
	table_close(f);
}

static void section_reads(const struct page *p)
{
	const struct report_totals *t = &p->t;
	section_open(p->f, "reads", "Rows read",
		     "Per source and extractor; each address field holds a list of items, and every item is either "
		     "accepted as an address or rejected with a reason.");
	fprintf(p->f, "<p class=\"eq\">items <b>%" PRIu64 "</b> = <b>%" PRIu64 "</b> accepted + <b>%" PRIu64
		      "</b> rejected</p>\n", t->accepted + t->rejected, t->accepted, t->rejected);
	fputs("<div class=\"pair\"><div>\n", p->f);
	for (size_t s = 0; s < p->sc->n_sources; s++)
		source_runs(p->f, &p->sc->sources[s]);
	fputs("</div><div>\n<h3>all sources</h3>\n", p->f);
	totals_table(p->f, t);
	fputs("</div></div>\n</section>\n", p->f);
}

static void section_rejects(const struct page *p)
{
	struct bar b[ADDR_REJECT_COUNT];
	size_t n = 0;
	for (int i = 1; i < ADDR_REJECT_COUNT; i++)
		if (p->t.rejects[i])
			b[n++] = (struct bar){ addr_reject_name((enum addr_reject)i), p->t.rejects[i], "f-ext" };
	section_open(p->f, "rejects", "Rejects by reason", "Items that yielded no address; the rejects file holds each one.");
	if (p->t.anomalies)
		fprintf(p->f, "<p class=\"warn\">WARNING: %" PRIu64 " values look corrupt or hostile (too-long, bad-encoding, "
			      "control-char): see the rejects.</p>\n", p->t.anomalies);
	fputs("<div class=\"pair\"><div>\n", p->f);
	if (n)
		svg_bars(p->f, "rejects by reason", b, n, 150);
	else
		fputs("<p>No item was rejected.</p>\n", p->f);
	fputs("</div><div>\n", p->f);
	table_open(p->f, "reason", "items");
	for (int i = 1; i < ADDR_REJECT_COUNT; i++)
		row_data(p->f, addr_reject_name((enum addr_reject)i), p->t.rejects[i]);
	row_html(p->f, "total", "rejected", p->t.rejected);
	table_close(p->f);
	fputs("</div></div>\n</section>\n", p->f);
}

static void window_table(const struct page *p)
{
	char since[21] = "open", until[21] = "open";
	if (p->sc->since != TIME_NONE)
		time_format(p->sc->since, since);
	if (p->sc->until != TIME_NONE)
		time_format(p->sc->until, until);
	fprintf(p->f, "<table><tbody>\n<tr><th scope=\"row\">since</th><td class=\"n\">%s</td></tr>\n"
		      "<tr><th scope=\"row\">until</th><td class=\"n\">%s</td></tr>\n", since, until);
	row_html(p->f, "", "rows after the window (created or written after it: left out)", p->t.after);
	row_html(p->f, "", "rows changed after the window (kept)", p->t.changed_after);
	row_html(p->f, "", "rows without a time (kept)", p->t.untimed);
	row_html(p->f, "", "placeholder times (no time)", p->t.placeholder);
	row_html(p->f, "", "soft-deleted rows read", p->t.deleted);
	row_html(p->f, "", "soft-deleted rows left out (--exclude-deleted)", p->t.deleted_skipped);
	table_close(p->f);
}

static void section_window(const struct page *p)
{
	int open = p->sc->since == TIME_NONE && p->sc->until == TIME_NONE;
	section_open(p->f, "window", "Window and soft-deleted rows",
		     open ? "No window: every row kept."
			  : "Every row stored while the attacker had access was exposed, however old: only rows "
			    "created or written after the window's end are left out. Rows changed after it and "
			    "rows without a time are kept.");
	fputs("<div class=\"pair\"><div>\n", p->f);
	fprintf(p->f, "<p>%s</p>\n", p->t.deleted_skipped ? "Soft-deleted rows were left out (--exclude-deleted)."
			: "Soft-deleted rows are kept: they were in the database when it was read.");
	fputs("</div><div>\n", p->f);
	window_table(p);
	fputs("</div></div>\n</section>\n", p->f);
}

static void source_status(FILE *f, const struct scan_source *src)
{
	fputs("<tr><th scope=\"row\">", f);
	html_all(f, src->name);
	fputs("</th><td>", f);
	html_all(f, src->impl->name);
	fputs("</td><td>", f);
	html_all(f, src->profile ? src->profile->name : "-");
	fputs("</td><td>", f);
	html_all(f, time_zone_name(src->zone));
	fputs(src->failed ? "</td><td class=\"err\">FAILED: " : "</td><td>read", f);
	if (src->failed)
		html_all(f, src->err);
	fputs("</td></tr>\n", f);
}

static void section_status(const struct page *p)
{
	section_open(p->f, "sources", "Sources",
		     p->failed ? "PARTIAL RESULT: the failed sources are missing or incomplete." : "Every source was read.");
	fputs("<table><thead><tr><th>source</th><th>connector</th><th>profile</th><th>time zone</th><th>status</th>"
	      "</tr></thead><tbody>\n",
	      p->f);
	for (size_t s = 0; s < p->sc->n_sources; s++)
		source_status(p->f, &p->sc->sources[s]);
	fprintf(p->f, "<tr class=\"total\"><th scope=\"row\">failed sources</th><td></td><td></td><td></td><td>%zu</td>"
		      "</tr>\n",
		p->failed);
	table_close(p->f);
	fputs("</section>\n", p->f);
}

int report_html(FILE *f, const struct scan *sc, const struct domain_set *internal, int internal_given)
{
	struct page p;
	int rc = -1;
	if (page_init(&p, f, sc, internal, internal_given) != 0)
		goto out;
	write_head(&p);
	write_banner(&p);
	write_cards(&p);
	section_origins(&p);
	section_overlaps(&p);
	section_split(&p);
	if (section_sources(&p) != 0)
		goto out;
	section_domains(&p);
	if (section_timeline(&p) != 0)
		goto out;
	section_reads(&p);
	section_rejects(&p);
	section_window(&p);
	section_status(&p);
	fputs("<footer>Written by exposure: the same numbers as its text and JSON summaries.</footer>\n</body>\n</html>\n",
	      f);
	rc = ferror(f) ? -1 : 0;
out:
	page_release(&p);
	return rc;
}

const struct summary_format summary_format_html = {
	.name = "html",
	.extensions = ".html .htm",
	.description = "a self-contained page",
	.write = report_html,
};

#!/usr/bin/env node
'use strict'
/*
 * Renders Markdown posts the way the blog did: gatsby-transformer-remark 2.x,
 * that is remark 10 / remark-parse 6 (the pre-CommonMark parser) with gatsby's
 * settings, remark-math as gatsby-remark-katex's parser plugin, then the
 * blog's remark plugins emulated on the tree in the blog's order.
 *
 *   node render.js <posts folder> [--out result.json]
 *
 * Prints (or writes) JSON: {"<path relative to the folder>": "<html>", ...}
 * for every .md file below the folder (hidden folders, node_modules and
 * _build are skipped). The HTML is the article body only, as gatsby's
 * `html` field was.
 */

const fs = require('fs')
const path = require('path')

const matter = require('gray-matter')
const remark = require('remark')
const remarkMath = require('remark-math')
const remarkHtml = require('remark-html')
const visit = require('unist-util-visit')
const toString = require('mdast-util-to-string')
const GithubSlugger = require('github-slugger')
const nodeEmoji = require('node-emoji')
const retext = require('retext')
const smartypants = require('retext-smartypants')

// gatsby-transformer-remark 2.x defaults, as the blog ran them
const SETTINGS = { commonmark: true, footnotes: true, gfm: true, pedantic: false }

// gatsby-remark-autolink-headers' default icon (its markup only; the SVG
// path is left out, it carries no text)
const ANCHOR_ICON = '<svg aria-hidden="true" focusable="false" height="16" version="1.1" viewBox="0 0 16 16" width="16"></svg>'

function escapeHtml (text) {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

// gatsby-remark-katex (strict: ignore): math nodes become raw HTML. KaTeX
// itself is not needed to compare: the TeX source is kept, marked with a class.
function katex (tree) {
  visit(tree, 'inlineMath', node => {
    node.type = 'html'
    node.value = '<span class="math math-inline fidelity-math">' + escapeHtml(node.value) + '</span>'
    delete node.data
  })
  visit(tree, 'math', node => {
    node.type = 'html'
    node.value = '<div class="math math-display fidelity-math">' + escapeHtml(node.value) + '</div>'
    delete node.data
  })
}

// gatsby-remark-prismjs: code blocks and inline code become raw HTML (so no
// later text plugin sees them). No highlighting: the text is what matters.
function prismjs (tree) {
  visit(tree, 'code', node => {
    // `js{1,3}` and `js:title=x` carry options after the language
    const lang = ((node.lang || '').split(/[{:]/)[0] || 'text').toLowerCase()
    node.type = 'html'
    node.value = '<div class="gatsby-highlight" data-language="' + escapeHtml(lang) + '">' +
      '<pre class="language-' + escapeHtml(lang) + '"><code class="language-' + escapeHtml(lang) + '">' +
      escapeHtml(node.value) + '</code></pre></div>'
    delete node.lang
  })
  visit(tree, 'inlineCode', node => {
    node.type = 'html'
    node.value = '<code class="language-text">' + escapeHtml(node.value) + '</code>'
  })
}

// GitHub-style :names: (node-emoji 1.x) in Markdown text nodes only: code,
// inline code and math are raw HTML by now, link URLs are not text nodes.
function emoji (tree) {
  visit(tree, 'text', node => {
    node.value = nodeEmoji.emojify(node.value)
  })
}

// gatsby-remark-smartypants: retext-smartypants (defaults) on each text node
function smartquotes (tree) {
  const processor = retext().use(smartypants)
  visit(tree, 'text', node => {
    node.value = String(processor.processSync(node.value))
  })
}

// gatsby-remark-autolink-headers (defaults): id = github-slugger slug of the
// heading's text, the slugger reset for every document; an anchor link first.
function autolinkHeaders (tree) {
  const slugger = new GithubSlugger()
  visit(tree, 'heading', node => {
    const id = slugger.slug(toString(node), false)
    node.data = node.data || {}
    node.data.id = id
    node.data.htmlAttributes = Object.assign({ id }, node.data.htmlAttributes)
    node.data.hProperties = Object.assign({ id, style: 'position:relative;' }, node.data.hProperties)
    node.children.unshift({
      type: 'link',
      url: '#' + id,
      title: null,
      children: [],
      data: {
        hProperties: { 'aria-label': id.split('-').join(' ') + ' permalink', class: 'anchor before' },
        hChildren: [{ type: 'raw', value: ANCHOR_ICON }]
      }
    })
  })
}

function makeProcessor () {
  return remark()
    .data('settings', SETTINGS)
    .use(remarkMath) // gatsby-remark-katex's setParserPlugins
}

const compiler = remark().data('settings', SETTINGS).use(remarkHtml, { sanitize: false })

function renderMarkdown (source) {
  const body = matter(source).content
  const tree = makeProcessor().parse(body)
  // the blog's plugins, in the blog's order; the ones that change nothing a
  // reader sees in the text (images, medium-zoom, responsive-iframe,
  // copy-linked-files) are left out. emoji runs before the heading slugs:
  // the blog's anchors were made from headings whose :names: were emoji.
  katex(tree)
  prismjs(tree)
  emoji(tree)
  smartquotes(tree)
  autolinkHeaders(tree)
  return compiler.stringify(tree)
}

function listPosts (root) {
  const found = []
  const walk = dir => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name < b.name ? -1 : 1)) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === '_build') continue
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.isFile() && entry.name.endsWith('.md')) found.push(full)
    }
  }
  walk(root)
  return found
}

function renderFolder (root) {
  const result = {}
  for (const file of listPosts(root)) {
    const rel = path.relative(root, file).split(path.sep).join('/')
    result[rel] = renderMarkdown(fs.readFileSync(file, 'utf8'))
  }
  return result
}

function main (argv) {
  const args = argv.slice(2)
  let out = null
  const rest = []
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--out') out = args[++i]
    else if (args[i] === '-h' || args[i] === '--help') {
      process.stdout.write('usage: node render.js <posts folder> [--out result.json]\n')
      return 0
    } else rest.push(args[i])
  }
  if (rest.length !== 1 || !fs.existsSync(rest[0]) || !fs.statSync(rest[0]).isDirectory()) {
    process.stderr.write('usage: node render.js <posts folder> [--out result.json]\n')
    return 2
  }
  const json = JSON.stringify(renderFolder(rest[0]), null, 1) + '\n'
  if (out) fs.writeFileSync(out, json)
  else process.stdout.write(json)
  return 0
}

module.exports = { renderMarkdown, renderFolder }

if (require.main === module) process.exitCode = main(process.argv)

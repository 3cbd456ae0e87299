// The starter's plugins, reduced to what the import cares about (test fixture).
const metaConfig = require('./gatsby-meta-config')

module.exports = {
  siteMetadata: metaConfig,
  plugins: [
    { resolve: `gatsby-source-filesystem`, options: { path: `${__dirname}/content/blog`, name: `blog` } },
    { resolve: `gatsby-source-filesystem`, options: { path: `${__dirname}/content/__about`, name: `about` } },
    { resolve: `gatsby-source-filesystem`, options: { path: `${__dirname}/content/assets`, name: `assets` } },
    `gatsby-transformer-remark`,
    `gatsby-plugin-feed`,
  ],
}

// How the starter makes a page per post (test fixture): drafts and posts
// without a category get none.
const path = require(`path`)
const { createFilePath } = require(`gatsby-source-filesystem`)

exports.createPages = async ({ graphql, actions }) => {
  const result = await graphql(`
    {
      allMarkdownRemark(sort: { fields: [frontmatter___date], order: DESC }, limit: 1000) {
        edges { node { fields { slug } frontmatter { title category draft } } }
      }
    }
  `)
  const posts = result.data.allMarkdownRemark.edges.filter(
    ({ node }) => !node.frontmatter.draft && !!node.frontmatter.category
  )
  for (const { node } of posts) {
    actions.createPage({
      path: node.fields.slug,
      component: path.resolve(`./src/templates/blog-post.js`),
      context: { slug: node.fields.slug },
    })
  }
}

exports.onCreateNode = ({ node, actions, getNode }) => {
  if (node.internal.type === `MarkdownRemark`) {
    actions.createNodeField({ name: `slug`, node, value: createFilePath({ node, getNode }) })
  }
}

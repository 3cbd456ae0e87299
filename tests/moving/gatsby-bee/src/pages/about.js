// The about page shows the resume in one language (test fixture).
import React from 'react'
import { graphql } from 'gatsby'
import * as Lang from '../constants/lang'

export default ({ data }) => {
  const resume = data.allMarkdownRemark.edges
    .filter(({ node }) => node.frontmatter.lang === Lang.KOREAN)
    .map(({ node }) => node)[0]
  return <div className="about" dangerouslySetInnerHTML={{ __html: resume.html }} />
}

export const pageQuery = graphql`
  query {
    allMarkdownRemark(filter: { frontmatter: { category: { eq: null } } }) {
      edges { node { html frontmatter { title lang } } }
    }
  }
`

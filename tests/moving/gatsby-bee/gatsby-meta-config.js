// A gatsby-starter-bee configuration, as an author leaves it (test fixture for `make import`).
const author = `펭귄`

module.exports = {
  title: `코딩하는펭귄의 저장소`,
  description: `부트캠프에서 보낸 하루하루의 기록`,
  author: `코딩하는펭귄`,
  introduction: `건강한 개발자(Healthy Developer)를 꿈꾸고 있습니다 🏃`,
  siteUrl: `https://cooding-penguin.netlify.com`, // Your blog site url
  social: {
    twitter: ``, // Your Twitter account
    github: `CoodingPenguin`, // Your GitHub account
    medium: ``,
    facebook: ``,
    linkedin: ``,
    instagram: `cooding_penguin`,
  },
  icon: `content/assets/felog.png`, // Add your favicon
  keywords: [`blog`, `python`, 'deep learning'],
  comment: {
    disqusShortName: '', // Your disqus-short-name. check disqus.com.
    utterances: 'CoodingPenguin/devlog', // Your repository for archive comment
  },
  configs: {
    countOfInitialPost: 10,
  },
  sponsor: {
    buyMeACoffeeId: ``,
  },
  share: {
    facebookAppId: `${process.env.FB_APP_ID}`, // a template string with a substitution
  },
  ga: process.env.GOOGLE_ANALYTICS_ID, // read from the environment when Gatsby builds
  signature: `${author} 드림`,
}

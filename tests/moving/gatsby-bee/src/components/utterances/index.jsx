// Comments by utterances, one GitHub issue per page path (test fixture).
import React, { useEffect, useRef } from 'react'

export const Utterances = ({ repo }) => {
  const root = useRef(null)
  useEffect(() => {
    const script = document.createElement('script')
    const config = {
      src: 'https://utteranc.es/client.js',
      repo,
      theme: document.body.classList.contains('dark') ? 'photon-dark' : 'github-light',
      label: 'comment',
      async: true,
      'issue-term': 'pathname',
      crossorigin: 'anonymous',
    }
    Object.entries(config).forEach(([key, value]) => script.setAttribute(key, value))
    root.current.appendChild(script)
  }, [])
  return <div className="utterances" ref={root} />
}

"""Reading a post: front matter into title and byline, images and rules, what a post may reference.

* :mod:`.source`: on ``source-read`` the front matter becomes one escaped
  ``# title`` line, so body lines keep their numbers; generated pages get
  their text from :mod:`..model.generated`;
* :mod:`.byline`: the byline under the title, and the thumbnail;
* :mod:`.image_lines`: every image keeps its line, for its warnings;
* :mod:`.html_images`: images inside raw HTML are copied and shown;
* :mod:`.rules`: horizontal rules wherever the blog drew them;
* :mod:`.local_files`: images and downloads outside the posts folder are
  refused, never copied (the rule itself is :mod:`..posts`, which other
  stages ask too);
* :mod:`.anchors`: every id a page has, for links to ``#anchors`` from any page.
"""

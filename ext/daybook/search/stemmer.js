/* daybook: Hangul terms are already bigrams; other words are stemmed as English. */
var Stemmer = function () {
  const english = new EnglishStemmer();
  const hangul = /[\uAC00-\uD7A3]/u;
  this.stemWord = (word) => (hangul.test(word) ? word : english.stemWord(word));
};

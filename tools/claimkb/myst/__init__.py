"""The only code that reads MyST: the page scanner (what the build would find in a page, found
without Sphinx), option lines of fenced directives, and the prose scanner used by `claimkb lint`."""

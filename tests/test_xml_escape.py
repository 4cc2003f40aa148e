"""XML text and attributes (generator/render/escape.py) written exactly as xml.sax.saxutils writes them,
which the feed and the GraphML download used before."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from hypothesis import given, strategies as st

from generator.render.escape import xml_attr, xml_text

# Mostly the characters that matter here, and any other now and then.
TEXT = st.text(alphabet=st.sampled_from("&<>\"'\n\r\t a;#") | st.characters(), max_size=40)


@given(TEXT)
def test_xml_text_is_saxutils_escape(value: str):
    assert xml_text(value) == escape(value)


@given(TEXT)
def test_xml_attr_is_saxutils_quoteattr(value: str):
    assert xml_attr(value) == quoteattr(value)
    assert xml_attr(value) == quoteattr(value, {"\n": "&#10;", "\r": "&#13;", "\t": "&#09;"})  # what the GraphML export passed

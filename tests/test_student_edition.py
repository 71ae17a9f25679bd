"""The student edition (scripts/build_student_edition.py): every exercise and its check, no solution.

The tests of how solutions are found in a chapter's sources run with the other unit tests. Those of the built
edition run after building both editions (as .ci/run does):

    jupyter-book build . && python scripts/build_student_edition.py && pytest -m built tests
"""

from pathlib import Path

import pytest

import notebook_stack

try:
    import nbformat
    from bs4 import BeautifulSoup
    from pypdf import PdfReader

    import build_student_edition as student
    from build_pdf import PDF_NAME, reading_order
except ModuleNotFoundError as error:
    pytest.skip(notebook_stack.reason_to_skip(error), allow_module_level=True)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "_build" / "html"
STUDENT = ROOT / "_build" / "student"
NOT_DONE = "Not done yet"


def markdown(source, **metadata):
    return nbformat.v4.new_markdown_cell(source, metadata=metadata)


def code(source, **metadata):
    return nbformat.v4.new_code_cell(source, metadata=metadata)


def sources(nb):
    return [cell.source for cell in nb.cells]


# ---------------------------------------------------------------------------------------------------------------
# Finding the solutions in a chapter's sources


def test_a_solution_over_several_cells_goes_and_the_exercise_and_its_check_stay():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        markdown("```{exercise} Title\n:label: ex-one\nDo it.\n```"),
        code('answer = ...\ncheck(answer)  # prints "Not done yet"'),
        markdown("```{solution-start} ex-one\n:class: dropdown\n```"),
        markdown("The answer is 2:"),
        code("answer = 2\ncheck(answer)"),
        markdown("```{solution-end}\n```"),
        markdown("## Next section"),
    ]
    assert student.strip_notebook(nb) == 4
    assert sources(nb) == [
        "```{exercise} Title\n:label: ex-one\nDo it.\n```",
        'answer = ...\ncheck(answer)  # prints "Not done yet"',
        "## Next section",
    ]


def test_text_before_the_start_and_after_the_end_of_a_solution_stays():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        markdown("Before.\n\n```{solution-start} ex-one\n:class: dropdown\n```\n\nThe answer is 2."),
        code("answer = 2"),
        markdown("So it is 2.\n\n```{solution-end}\n```\n\nAfter."),
    ]
    student.strip_notebook(nb)
    assert sources(nb) == ["Before.", "After."]


def test_a_solution_directive_and_a_cell_tagged_solution_go():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        markdown("Text.\n\n````{solution} ex-one\n:class: dropdown\n\n```python\nanswer = 2\n```\n````\n\nMore text."),
        markdown(":::{solution} ex-two\nThe answer.\n:::"),
        code("answer = 2", tags=["solution"]),
        code("kept = 1", tags=["hide-input"]),
    ]
    student.strip_notebook(nb)
    assert sources(nb) == ["Text.\n\n\n\nMore text.", "kept = 1"]


def test_the_sentence_that_says_where_the_solutions_are_goes_with_them():
    intro = 'As it stands, the cell prints "Not done yet". Every\nsolution is folded away under it.'
    text, inside = student.strip_text(intro)
    assert (text, inside) == ('As it stands, the cell prints "Not done yet".', False)


def test_a_solution_that_never_ends_is_an_error():
    nb = nbformat.v4.new_notebook()
    nb.cells = [markdown("```{solution-start} ex-one\n```"), code("answer = 2")]
    with pytest.raises(ValueError, match=r"ch\.ipynb: a \{solution-start\} has no \{solution-end\}"):
        student.strip_notebook(nb, "ch.ipynb")


# ---------------------------------------------------------------------------------------------------------------
# The built editions


def built_pages(html):
    if not (html / "index.html").is_file():
        pytest.fail(f"{html.relative_to(ROOT)} is not built: see this module's docstring", pytrace=False)
    return {
        docname: BeautifulSoup((html / f"{docname}.html").read_text(encoding="utf-8"), "html.parser").find("article")
        for _, docname in reading_order(ROOT)
    }


@pytest.fixture(scope="module")
def editions():
    return built_pages(DEFAULT), built_pages(STUDENT)


def exercises(article):
    return [div["id"] for div in article.select("div.exercise")]


@pytest.mark.built
def test_both_editions_have_every_exercise(editions):
    default, student_edition = editions
    assert sum(len(exercises(article)) for article in default.values()) > 0
    for docname, article in default.items():
        assert exercises(student_edition[docname]) == exercises(article), f"{docname}: exercises differ"


@pytest.mark.built
def test_only_the_default_edition_has_solutions(editions):
    default, student_edition = editions
    for docname, article in default.items():
        solutions = article.select("div.solution")
        assert len(solutions) == len(exercises(article)), f"{docname}: an exercise without its solution"
        page = student_edition[docname]
        assert not page.select("div.solution"), f"{docname}: the student edition has a solution"
        text = " ".join(page.get_text(" ").split())
        for solution in solutions:
            for part in solution.select("section > p, section pre"):
                words = " ".join(part.get_text(" ").split())
                assert len(words) < 40 or words not in text, f"{docname}: solution text in the student edition"


@pytest.mark.built
def test_the_exercises_still_answer_back_in_the_student_edition(editions):
    default, student_edition = editions
    for docname, article in default.items():
        expected = article.get_text().count(NOT_DONE)
        assert student_edition[docname].get_text().count(NOT_DONE) == expected, f"{docname}: a check went missing"
    assert sum(article.get_text().count(NOT_DONE) for article in default.values()) > 0


@pytest.mark.built
def test_the_student_edition_is_titled_linked_and_printed():
    welcome = (STUDENT / "chapters" / "welcome.html").read_text(encoding="utf-8")
    assert student.TITLE_SUFFIX.strip() in BeautifulSoup(welcome, "html.parser").title.get_text()
    how_to_run = BeautifulSoup((DEFAULT / "chapters" / "how_to_run.html").read_text(encoding="utf-8"), "html.parser")
    links = [a["href"] for a in how_to_run.find("article").find_all("a", href=True)]
    assert "../student/index.html" in links, "How to read and run this book does not link to the student edition"
    pdf = PdfReader(STUDENT / PDF_NAME)
    assert [item.title for item in pdf.outline if not isinstance(item, list)][0] == "Contents"

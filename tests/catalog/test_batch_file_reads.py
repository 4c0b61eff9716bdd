"""``files.content`` in a module that handles batches reads a batch's file whatever the id
expression (issue 15, label policy 9); a module that also handles other files keeps the stricter rule."""
from __future__ import annotations

from support.scan import sites

HELPER = """
    from openai import OpenAI


    def download_file(client, file_id, path):
        open(path, "wb").write(client.files.content(file_id).content)


    def collect(batch_id):
        client = OpenAI()
        batch = client.batches.retrieve(batch_id)
        err = batch.error_file_id
        download_file(client, err, "errors.jsonl")
        {other}
"""


def test_a_helper_reading_a_file_id_parameter_beside_a_batch_poll_is_a_batch_read(tmp_path):
    found = sites(tmp_path, HELPER.format(other=""))
    assert (6, "openai", "files.content") in found
    assert (11, "openai", "batches.retrieve") in found


def test_a_module_also_reading_fine_tuning_or_assistant_files_needs_the_batch_id(tmp_path):
    fine_tuning = "client.fine_tuning.jobs.retrieve('ftjob-1').result_files"
    assert (6, "openai", "files.content") not in sites(tmp_path, HELPER.format(other=fine_tuning))
    upload = "client.files.create(file=open('doc.pdf', 'rb'), purpose='assistants')"
    assert (6, "openai", "files.content") not in sites(tmp_path, HELPER.format(other=upload))


def test_without_batches_a_file_read_by_id_is_no_site(tmp_path):
    found = sites(tmp_path, """
        from openai import OpenAI

        def read(file_id):
            return OpenAI().files.content(file_id).text
    """)
    assert found == []

"""A rolling restart of the web workers during load: no failed request, no lost write."""

import os
import signal
import threading
import time

import requests

from peps.core.testing import factories as f

from .conftest import csrf_of, signed_in_session


def test_reloading_the_workers_under_load_fails_no_request_and_loses_no_write(base_url, pole):
    from peps.projects.models import Comment

    pid_file = os.environ["PEPS_PROD_GUNICORN_PID"]
    author = f.member_of(pole)
    project = f.ProjectFactory(pole=pole, holder=author, visibility="public")
    path = f"/p/{pole.slug}/projets/{project.pk}/"
    writer = signed_in_session(base_url, author)
    token = csrf_of(writer.get(f"{base_url}{path}").text)
    failures: list[str] = []
    written: list[str] = []
    stop = threading.Event()

    def read():
        reader = requests.Session()
        while not stop.is_set():
            try:
                status = reader.get(f"{base_url}{path}", timeout=120).status_code
            except requests.RequestException as error:
                failures.append(f"GET: {error}")
                continue
            if status != 200:
                failures.append(f"GET {status}")

    def write():
        number = 0
        while not stop.is_set():
            number += 1
            text = f"Commentaire pendant le redémarrage n° {number}"
            try:
                answer = writer.post(
                    f"{base_url}{path}commentaires/",
                    data={"comment-text": text, "csrfmiddlewaretoken": token},
                    headers={"Referer": f"{base_url}{path}"},
                    timeout=120,
                )
            except requests.RequestException as error:
                failures.append(f"POST: {error}")
                continue
            if answer.status_code == 200 and "Votre commentaire est publié" in answer.text:
                written.append(text)
            else:
                failures.append(f"POST {answer.status_code}")

    threads = [threading.Thread(target=read) for _ in range(4)] + [threading.Thread(target=write)]
    for thread in threads:
        thread.start()
    time.sleep(2)
    # gunicorn's HUP: new workers start with the new code, old ones finish their requests.
    master = int(open(pid_file).read().strip())
    os.kill(master, signal.SIGHUP)
    time.sleep(6)
    os.kill(master, signal.SIGHUP)
    time.sleep(4)
    stop.set()
    for thread in threads:
        thread.join()

    assert failures == []
    assert len(written) >= 3
    stored = set(Comment.objects.filter(project=project).values_list("text", flat=True))
    assert set(written) <= stored

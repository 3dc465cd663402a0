"""Returnee pages: documents."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from returnees import services
from returnees.forms import (
    DocumentForm,
)
from returnees.models import (
    Case,
    CaseDocument,
)
from returnees.views._common import _page, case_view
from returnees.workflow import CASE
from sanctuary.audit import access_record
from sanctuary.uploads import private_file_response


@case_view(plain=True)
@require_http_methods(["GET", "POST"])
def documents(request, case: Case):
    CASE.check(case, "read_documents")
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        CASE.check(case, "add_document")
        if form.is_valid():
            services.document_add(
                actor=request.user,
                case=case,
                upload=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
                description=form.cleaned_data["description"],
                request=request,
            )
            messages.success(request, _("Document stored, encrypted."))
            return redirect("returnees:documents", case.reference)
    access_record(request=request, kind="list", obj=case)
    page_obj = _page(request, case.documents.select_related("uploaded_by"))
    return render(request, "returnees/documents.html", {"case": case, "form": form, "page_obj": page_obj})


@case_view(reauth=True)
@require_safe
def document_download(request, case: Case, document_id):
    CASE.check(case, "read_documents")
    document = get_object_or_404(CaseDocument, case=case, pk=document_id)
    access_record(request=request, kind="download", obj=document)
    content = services.document_read(document=document)
    extension = document.original_name.rsplit(".", 1)[-1] if "." in document.original_name else "bin"
    # The download name is built from the reference: the original name may hold the person's name.
    return private_file_response(content, download_name=f"{case.reference}-{document.kind}.{extension}")

package ui

import (
	"net/http"
	"strings"

	"github.com/wellops/wellops"
)

func (u *UI) createShare(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	with := strings.TrimSpace(r.PostFormValue("with"))
	if _, err := u.opt.Shares.CreateShare(r.Context(), wellops.ResWorkload, id, with, wellops.Permission(r.PostFormValue("permission"))); err != nil {
		return err
	}
	return redirect(w, r, "/ui/workloads/"+id+"?done=shared")
}

func (u *UI) updateShare(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if _, err := u.opt.Shares.UpdateWorkloadShare(r.Context(), id, r.PathValue("share"), wellops.Permission(r.PostFormValue("permission"))); err != nil {
		return err
	}
	return redirect(w, r, "/ui/workloads/"+id+"?done=saved")
}

func (u *UI) deleteShare(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := u.opt.Shares.DeleteShare(r.Context(), wellops.ResWorkload, id, r.PathValue("share")); err != nil {
		return err
	}
	return redirect(w, r, "/ui/workloads/"+id+"?done=unshared")
}

// invitationsPage lists shares waiting for the user's answer: a shared workload appears on
// the dashboard only once accepted.
func (u *UI) invitationsPage(w http.ResponseWriter, r *http.Request) error {
	inv, _, err := u.opt.Shares.ListShareInvitations(r.Context(), wellops.InvitationQuery{})
	if err != nil {
		return err
	}
	pd := u.base(r, "invitations.title")
	pd.Nav, pd.Data = "invitations", inv
	u.render(w, r, http.StatusOK, "invitations", pd)
	return nil
}

func (u *UI) answerInvitation(w http.ResponseWriter, r *http.Request) error {
	action := wellops.InvitationReject
	if r.PostFormValue("action") == "accept" {
		action = wellops.InvitationAccept
	}
	sh, err := u.opt.Shares.UpdateShareInvitation(r.Context(), r.PathValue("share"), action)
	if err != nil {
		return err
	}
	if action == wellops.InvitationAccept && sh.ResourceType == wellops.ResWorkload {
		return redirect(w, r, "/ui/workloads/"+sh.ResourceID+"?done=accepted")
	}
	return redirect(w, r, "/ui/invitations?done=answered")
}

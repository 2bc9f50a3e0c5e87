package provider

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

// fakeRecoverable is a create of objects without a unique name whose first
// `fail` attempts fail with a 500; failed attempts from number landsFrom on
// (0: none) create the object anyway.
type fakeRecoverable struct {
	fail      int
	landsFrom int
	objects   []string
	creates   int
}

func (f *fakeRecoverable) rc() recoverableCreate[string, string] {
	return recoverableCreate[string, string]{
		kind: "things",
		list: func(context.Context) ([]string, error) { return append([]string(nil), f.objects...), nil },
		create: func(context.Context) (*string, error) {
			f.creates++
			id := fmt.Sprintf("obj-%d", f.creates)
			if f.creates <= f.fail {
				if f.landsFrom > 0 && f.creates >= f.landsFrom {
					f.objects = append(f.objects, id)
				}
				return nil, &client.APIError{Status: 500, Code: "UNKNOWN", Message: "Internal server error"}
			}
			f.objects = append(f.objects, id)
			return &id, nil
		},
		id:      func(s string) string { return s },
		match:   func(string) bool { return true },
		recover: adoptAppeared[string],
		advice:  "delete the extra ones",
	}
}

func TestCreateOrRecover(t *testing.T) {
	cases := []struct {
		name        string
		fail        int
		landsFrom   int
		wantID      string
		wantCreates int
		wantErr     bool
	}{
		{"first create succeeds", 0, 0, "obj-1", 1, false},
		{"a failed create that did not land is sent again", 1, 0, "obj-2", 2, false},
		{"two failures in a row are survived", 2, 0, "obj-3", 3, false},
		{"a failed create that landed is adopted, not repeated", 1, 1, "obj-1", 1, false},
		{"a retry that landed despite its 500 is adopted", 2, 2, "obj-2", 2, false},
		{"attempts are bounded", 5, 0, "", createAttempts, true},
	}
	for _, c := range cases {
		f := &fakeRecoverable{fail: c.fail, landsFrom: c.landsFrom}
		got, err := createOrRecover(t.Context(), f.rc())
		if (err != nil) != c.wantErr || f.creates != c.wantCreates || (got != nil && *got != c.wantID) || (got == nil && !c.wantErr) {
			t.Errorf("%s: got %v, %v after %d creates; want %q after %d (error %v)", c.name, got, err, f.creates, c.wantID, c.wantCreates, c.wantErr)
		}
		var apiErr *client.APIError
		if c.wantErr && !errors.As(err, &apiErr) {
			t.Errorf("%s: error %v is not the create's own", c.name, err)
		}
		if len(f.objects) > 1 {
			t.Errorf("%s: %d objects exist: %v", c.name, len(f.objects), f.objects)
		}
	}
}

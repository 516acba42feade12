package ui

import "github.com/alivpc/alivpc/model"

// familyOps returns the changes offered for the kinds beyond the VPC
// family.
func familyOps(k *model.Kind) kindOps {
	return kindOps{}
}

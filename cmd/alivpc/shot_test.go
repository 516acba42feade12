package main

// shot draws a terminal capture (text with SGR colour codes, as tmux
// capture-pane -e prints it) to an image: ultraviolet parses the ANSI into
// cells, and the glyphs are drawn with DejaVu Sans Mono. Pure Go, no
// browser.

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"os"

	uv "github.com/charmbracelet/ultraviolet"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

const fontDir = "/usr/share/fonts/truetype/dejavu/"

// Screenshot colours: the terminal's defaults (the console's skins set
// their own foregrounds; cells with no colour use these).
var (
	shotBg = color.RGBA{0x16, 0x1a, 0x22, 0xff}
	shotFg = color.RGBA{0xd8, 0xdc, 0xe4, 0xff}
)

// shotFaces are the fonts: regular and bold monospace, and a fallback for
// the few symbols the monospace face lacks (✓, ✗, ⚠).
type shotFaces struct {
	regular, bold, fallback font.Face
	cellW, cellH, ascent    int
}

func loadFaces(size float64) (*shotFaces, error) {
	load := func(name string) (font.Face, error) {
		b, err := os.ReadFile(fontDir + name)
		if err != nil {
			return nil, fmt.Errorf("%v (install fonts-dejavu-core; .ci/run does)", err)
		}
		f, err := opentype.Parse(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		return opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	}
	var fs shotFaces
	var err error
	if fs.regular, err = load("DejaVuSansMono.ttf"); err != nil {
		return nil, err
	}
	if fs.bold, err = load("DejaVuSansMono-Bold.ttf"); err != nil {
		return nil, err
	}
	if fs.fallback, err = load("DejaVuSans.ttf"); err != nil {
		return nil, err
	}
	adv, _ := fs.regular.GlyphAdvance('M')
	m := fs.regular.Metrics()
	fs.cellW = adv.Ceil()
	fs.ascent = m.Ascent.Ceil()
	fs.cellH = (m.Ascent + m.Descent).Ceil()
	return &fs, nil
}

// shotPad is the margin around the terminal.
const shotPad = 14

// renderShot draws a cols×rows capture.
func renderShot(fs *shotFaces, capture string, cols, rows int) *image.RGBA {
	buf := uv.NewScreenBuffer(cols, rows)
	uv.NewStyledString(capture).Draw(buf, uv.Rect(0, 0, cols, rows))
	img := image.NewRGBA(image.Rect(0, 0, cols*fs.cellW+2*shotPad, rows*fs.cellH+2*shotPad))
	draw.Draw(img, img.Bounds(), image.NewUniform(shotBg), image.Point{}, draw.Src)
	for y := 0; y < rows; y++ {
		for x := 0; x < cols; x++ {
			c := buf.CellAt(x, y)
			if c == nil || c.Width == 0 && c.Content == "" {
				continue
			}
			fg, bg := cellColors(c.Style)
			w := max(c.Width, 1)
			px, py := shotPad+x*fs.cellW, shotPad+y*fs.cellH
			cell := image.Rect(px, py, px+w*fs.cellW, py+fs.cellH)
			if bg != shotBg {
				draw.Draw(img, cell, image.NewUniform(bg), image.Point{}, draw.Src)
			}
			if c.Style.Underline != uv.UnderlineNone {
				draw.Draw(img, image.Rect(px, py+fs.ascent+2, px+w*fs.cellW, py+fs.ascent+3), image.NewUniform(fg), image.Point{}, draw.Src)
			}
			if c.Style.Attrs&uv.AttrStrikethrough != 0 {
				mid := py + fs.cellH/2
				draw.Draw(img, image.Rect(px, mid, px+w*fs.cellW, mid+1), image.NewUniform(fg), image.Point{}, draw.Src)
			}
			if c.Content == "" || c.Content == " " {
				continue
			}
			face := fs.regular
			if c.Style.Attrs&uv.AttrBold != 0 {
				face = fs.bold
			}
			r := []rune(c.Content)[0]
			if _, ok := face.GlyphAdvance(r); !ok {
				face = fs.fallback
			}
			d := font.Drawer{Dst: img, Src: image.NewUniform(fg), Face: face, Dot: fixed.P(px, py+fs.ascent)}
			d.DrawString(c.Content)
		}
	}
	return img
}

// cellColors resolves a cell's colours, with reverse video and faint text.
func cellColors(s uv.Style) (fg, bg color.RGBA) {
	fg, bg = shotFg, shotBg
	if s.Fg != nil {
		fg = toRGBA(s.Fg)
	}
	if s.Bg != nil {
		bg = toRGBA(s.Bg)
	}
	if s.Attrs&uv.AttrReverse != 0 {
		fg, bg = bg, fg
	}
	if s.Attrs&uv.AttrFaint != 0 {
		fg = blend(fg, bg)
	}
	return fg, bg
}

func toRGBA(c color.Color) color.RGBA {
	r, g, b, _ := c.RGBA()
	return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 0xff}
}

func blend(a, b color.RGBA) color.RGBA {
	return color.RGBA{uint8((int(a.R) + int(b.R)) / 2), uint8((int(a.G) + int(b.G)) / 2), uint8((int(a.B) + int(b.B)) / 2), 0xff}
}

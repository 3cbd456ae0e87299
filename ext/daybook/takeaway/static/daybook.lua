-- daybook's Lua for the PDF, loaded by the preamble (ext/daybook/takeaway/tex.py).
--
-- A sandbox for the rest of the run (daybook.sandbox(), called once every
-- package has loaded and the fonts are read): Lua may read only the build
-- folder, TeX's trees and the font folders, and write only the build folder;
-- it cannot run programs, load bytecode or native code, and TeX's primitives
-- open no file outside those folders either. A post never reaches Lua (its
-- text is escaped, its math built from an allow-list: formulas.py); this is
-- the second line, for whatever the first one missed.

daybook = daybook or {}

-- -- the sandbox -----------------------------------------------------------------------

local function split_path(path)
  local parts = {}
  for part in string.gmatch(path, "[^/]+") do
    if part == ".." then
      if #parts == 0 then return nil end
      table.remove(parts)
    elseif part ~= "." then
      table.insert(parts, part)
    end
  end
  return "/" .. table.concat(parts, "/")
end

local function absolute(path, here)
  if type(path) ~= "string" or path == "" or string.find(path, "\0", 1, true) then return nil end
  if string.sub(path, 1, 1) ~= "/" then path = here .. "/" .. path end
  return split_path(path)
end

local function inside(path, root)
  return root ~= nil and (path == root or string.sub(path, 1, #root + 1) == root .. "/")
end

function daybook.sandbox()
  if daybook.sandboxed then return end
  daybook.sandboxed = true
  local here = split_path(lfs.currentdir())
  local home = os.getenv("HOME")
  local readable = { here, "/usr/share/fonts", "/usr/local/share/fonts", "/usr/share/texlive", "/usr/share/texmf",
    "/usr/share/texmf-dist", "/usr/local/texlive", "/var/lib/texmf", "/etc/texmf", "/etc/fonts" }
  if home then
    table.insert(readable, home .. "/.fonts")
    table.insert(readable, home .. "/.local/share/fonts")
  end
  for _, variable in ipairs({ "TEXMFDIST", "TEXMFMAIN", "TEXMFLOCAL", "TEXMFSYSVAR", "TEXMFSYSCONFIG", "TEXMFVAR",
                               "TEXMFCONFIG", "TEXMFCACHE", "OSFONTDIR" }) do
    local value = kpse.var_value(variable)
    if value then
      for folder in string.gmatch(value, "[^:;{},]+") do
        local path = absolute(string.gsub(folder, "^!!", ""), here)
        if path and path ~= "/" then table.insert(readable, path) end
      end
    end
  end
  local function may_read(path)
    path = absolute(path, here)
    if not path then return false end
    for _, root in ipairs(readable) do
      if inside(path, root) then return true end
    end
    return false
  end
  local function may_write(path)
    path = absolute(path, here)
    return path ~= nil and inside(path, here)
  end
  local denied = "daybook: the PDF's build may not use this file"

  local open, lines, loadfile_, dofile_, load_ = io.open, io.lines, loadfile, dofile, load
  io.open = function(path, mode)
    local writes = mode ~= nil and string.find(mode, "[wa+]") ~= nil
    if (writes and not may_write(path)) or (not writes and not may_read(path)) then
      return nil, denied
    end
    return open(path, mode)
  end
  io.lines = function(path, ...)
    if path ~= nil and not may_read(path) then error(denied) end
    return lines(path, ...)
  end
  local input, output = io.input, io.output
  io.input = function(file)
    if type(file) == "string" and not may_read(file) then error(denied) end
    return input(file)
  end
  io.output = function(file)
    if type(file) == "string" and not may_write(file) then error(denied) end
    return output(file)
  end
  -- font caches are bytecode (.luc): readable only from TeX's own trees
  loadfile = function(path, mode, env)
    if path == nil or not may_read(path) or inside(absolute(path, here), here) and mode ~= "t" then
      return nil, denied
    end
    return loadfile_(path, mode, env)
  end
  dofile = function(path)
    if path == nil or not may_read(path) then error(denied) end
    return dofile_(path)
  end
  load = function(chunk, name, mode, env)
    return load_(chunk, name, "t", env)
  end
  for _, name in ipairs({ "execute", "exec", "spawn", "tmpname", "setenv", "kpsepopen", "socketsleep" }) do
    os[name] = nil
  end
  io.popen = nil
  local remove, rename = os.remove, os.rename
  os.remove = function(path)
    if not may_write(path) then return nil, denied end
    return remove(path)
  end
  os.rename = function(from, to)
    if not may_write(from) or not may_write(to) then return nil, denied end
    return rename(from, to)
  end
  for _, name in ipairs({ "mkdir", "rmdir", "touch", "lock_dir", "link" }) do
    local original = lfs[name]
    if original then
      lfs[name] = function(path, ...)
        if not may_write(path) then return nil, denied end
        return original(path, ...)
      end
    end
  end
  lfs.chdir = nil
  -- the originals above are upvalues of these functions: the debug library could hand them back
  if debug then
    for _, name in ipairs({ "getupvalue", "setupvalue", "upvaluejoin", "upvalueid", "getregistry", "getlocal",
                             "setlocal", "sethook", "setmetatable", "getuservalue", "setuservalue" }) do
      debug[name] = nil
    end
  end
  package.loadlib = nil
  package.cpath = ""
  if package.searchers then
    -- C modules (searchers 3 and 4) load native code
    package.searchers[3] = nil
    package.searchers[4] = nil
  end
  -- files TeX's primitives open by name (\pdfextension obj file, images) that openin_any does not cover
  local function found(name)
    if type(name) == "string" and may_read(name) then return name end
    -- nil would let LuaTeX open the name as given: a name that is no file stops the run instead
    return "daybook-refused-file"
  end
  luatexbase.add_to_callback("find_data_file", found, "daybook.sandbox")
  luatexbase.add_to_callback("find_image_file", found, "daybook.sandbox")
  -- and their Lua doors: pdf.obj{file = …}, pdf.immediateobj("file", …)
  local function checked(original)
    return function(...)
      local arguments = { ... }
      for index, argument in ipairs(arguments) do
        if (argument == "file" or argument == "streamfile") and not may_read(arguments[index + 1]) then
          error(denied)
        elseif type(argument) == "table" and argument.file ~= nil and not may_read(argument.file) then
          error(denied)
        end
      end
      return original(...)
    end
  end
  pdf.obj = checked(pdf.obj)
  pdf.immediateobj = checked(pdf.immediateobj)
  ffi = nil
  package.loaded.ffi = nil
  socket = nil
  package.loaded.socket = nil
end
